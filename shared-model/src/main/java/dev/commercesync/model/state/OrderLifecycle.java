package dev.commercesync.model.state;

/**
 * The allowed moves between {@link ProcessingState}s. A state with no entry yet is "new".
 * <ul>
 *   <li>new or MAPPING_FAILED → MAPPING_FAILED (a later version may fail too) or PENDING_ERP;</li>
 *   <li>PENDING_ERP → POSTED or ERP_REJECTED (the ERP answered) or PENDING_ERP (a newer version arrived);</li>
 *   <li>POSTED → PENDING_ERP (a newer channel version must be sent as an update) or POSTED;</li>
 *   <li>ERP_REJECTED → PENDING_ERP (a newer version or an operator's retry).</li>
 * </ul>
 * A mapping failure never overwrites an order the ERP already holds: it is recorded as an exception beside it.
 */
public final class OrderLifecycle {

    private OrderLifecycle() {
    }

    /** @param from the current state, or null when the order has no state yet */
    public static boolean canMove(ProcessingState from, ProcessingState to) {
        if (from == null) {
            return to == ProcessingState.MAPPING_FAILED || to == ProcessingState.PENDING_ERP;
        }
        return switch (from) {
            case MAPPING_FAILED -> to == ProcessingState.MAPPING_FAILED || to == ProcessingState.PENDING_ERP;
            case PENDING_ERP -> to == ProcessingState.POSTED || to == ProcessingState.ERP_REJECTED
                    || to == ProcessingState.PENDING_ERP;
            case POSTED -> to == ProcessingState.PENDING_ERP || to == ProcessingState.POSTED;
            case ERP_REJECTED -> to == ProcessingState.PENDING_ERP || to == ProcessingState.ERP_REJECTED;
        };
    }
}
