package dev.commercesync.pipeline.orderstate;

import java.time.Instant;

/**
 * A business exception recorded on an order: something an operator or the business must look at, with the reason.
 *
 * @param type        one of {@link BusinessExceptionType}'s names
 * @param state       where it stands; {@link ExceptionState#OPEN} when recorded
 * @param retriedAt   when an operator last retried it, null if never
 * @param retriedBy   who did (IAM caller ARN, CLI identity)
 * @param retryReason why, in the operator's words
 * @param resolvedAt  when a later success settled it, null while it has not
 * @param resolution  how it was settled (the posting, the ERP document)
 */
public record OrderException(Instant at, String type, String reason, String correlationId, ExceptionState state,
                             Instant retriedAt, String retriedBy, String retryReason, Instant resolvedAt,
                             String resolution) {

    public OrderException {
        state = state == null ? ExceptionState.OPEN : state;
    }

    /** A new, open exception. */
    public OrderException(Instant at, String type, String reason, String correlationId) {
        this(at, type, reason, correlationId, ExceptionState.OPEN, null, null, null, null, null);
    }

    public boolean isOpen() {
        return state == ExceptionState.OPEN;
    }

    /** This exception retried by an operator; a retried one retried again keeps only the latest retry. */
    public OrderException retried(Instant when, String by, String why) {
        return new OrderException(at, type, reason, correlationId, ExceptionState.RETRIED, when, by, why, null, null);
    }

    /** This exception settled by a later success; what is known of a retry stays. */
    public OrderException resolved(Instant when, String how) {
        return new OrderException(at, type, reason, correlationId, ExceptionState.RESOLVED, retriedAt, retriedBy,
                retryReason, when, how);
    }
}
