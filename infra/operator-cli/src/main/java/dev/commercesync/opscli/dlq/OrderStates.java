package dev.commercesync.opscli.dlq;

import java.util.Optional;

/** Reads an order's state for a dead letter; read-only. */
public interface OrderStates {

    Optional<OrderSnapshot> find(String orderKey);

    /** When no order-state table is configured: every lookup finds nothing. */
    static OrderStates none() {
        return orderKey -> Optional.empty();
    }
}
