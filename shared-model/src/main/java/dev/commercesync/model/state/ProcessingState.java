package dev.commercesync.model.state;

/**
 * Where an order stands in the pipeline. The order-state table's status GSI is keyed on this, so
 * "orders waiting for the ERP longer than N minutes" is one query on {@link #PENDING_ERP}.
 */
public enum ProcessingState {
    /** The payload could not be mapped or did not reconcile; a business exception with the reason and raw payload. */
    MAPPING_FAILED,
    /** Accepted by dedupe and queued for the ERP. */
    PENDING_ERP,
    /** The ERP holds the order; the ERP document reference is recorded. */
    POSTED,
    /** The ERP refused the order for a business reason (4xx); not retried until an operator acts. */
    ERP_REJECTED;

    /** True when nothing more happens to the order without a new channel version or an operator. */
    public boolean isSettled() {
        return switch (this) {
            case POSTED, ERP_REJECTED, MAPPING_FAILED -> true;
            case PENDING_ERP -> false;
        };
    }
}
