package dev.commercesync.opscli.dlq;

import java.time.Instant;

/**
 * What the order-state table knows of a dead letter's order. A DLQ message carries no error text; the nearest
 * recorded cause is the order's last business exception (mapping failure, conflict, ERP rejection). Transient
 * failures (timeouts, ERP 5xx, throttling) are not stored there: they are in the consumer's logs under the
 * message's correlationId.
 *
 * @param status          the order's state (MAPPING_FAILED, PENDING_ERP, POSTED, ERP_REJECTED)
 * @param lastErrorAt     when the last exception was recorded, null if none
 * @param lastErrorType   its type, e.g. ERP_REJECTED
 * @param lastErrorState  OPEN, RETRIED or RESOLVED
 * @param lastErrorReason its reason as recorded
 */
public record OrderSnapshot(String orderKey, String status, Instant lastErrorAt, String lastErrorType,
                            String lastErrorState, String lastErrorReason) {

    /** One line for a table: {@code ERP_REJECTED (OPEN): <reason>}, or nothing. */
    public String lastError() {
        if (lastErrorType == null) {
            return null;
        }
        String head = lastErrorState == null ? lastErrorType : lastErrorType + " (" + lastErrorState + ")";
        return lastErrorReason == null ? head : head + ": " + lastErrorReason;
    }
}
