package dev.commercesync.pipeline.operations;

/** What a retry of a business exception did. */
public sealed interface RetryOutcome {

    String exceptionId();

    /**
     * The exception is marked RETRIED and the order re-sent ({@code dryRun}: would be; nothing was changed or sent).
     *
     * @param eventId the event sent, null on a dry run
     */
    record Retried(String exceptionId, String orderKey, String type, String queueUrl, String eventId, String auditId,
                   boolean dryRun) implements RetryOutcome {
    }

    /** No such exception (or not an exception id at all). */
    record UnknownException(String exceptionId) implements RetryOutcome {
    }

    /** This exception cannot be retried as it stands; {@code detail} says why and what would help. */
    record NotRetryable(String exceptionId, String detail) implements RetryOutcome {
    }

    /** The order changed while the retry was prepared (another retry, a posting): look again. */
    record OrderChanged(String exceptionId, String detail) implements RetryOutcome {
    }

    /**
     * The exception was marked RETRIED but the queue did not take the event: nothing is on its way. Retrying again
     * is safe (a RETRIED exception can be retried) and is what to do.
     */
    record NotQueued(String exceptionId, String auditId, String detail) implements RetryOutcome {
    }
}
