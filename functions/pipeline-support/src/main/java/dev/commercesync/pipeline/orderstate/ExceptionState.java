package dev.commercesync.pipeline.orderstate;

/**
 * Where a business exception stands. {@code OPEN → RETRIED} when an operator re-submits the order;
 * {@code OPEN | RETRIED → RESOLVED} when a later success (the order posted to the ERP) settles it. Only OPEN ones
 * are listed for operators; RETRIED ones wait for the outcome of the retry, which either resolves them or records a
 * new exception.
 */
public enum ExceptionState {
    OPEN,
    RETRIED,
    RESOLVED;

    /** Stored rows from before exceptions had a state carry none: they are open. */
    public static ExceptionState ofStored(String text) {
        return text == null ? OPEN : valueOf(text);
    }
}
