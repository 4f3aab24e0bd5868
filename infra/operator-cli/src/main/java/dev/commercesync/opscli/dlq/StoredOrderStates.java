package dev.commercesync.opscli.dlq;

import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link OrderStates} through the pipeline's own order-state store (the code the functions write it with), each order
 * read once per run: a DLQ often holds several messages of one order.
 */
public final class StoredOrderStates implements OrderStates {

    private final OrderStateStore store;
    private final Map<String, Optional<OrderSnapshot>> seen = new HashMap<>();

    public StoredOrderStates(OrderStateStore store) {
        this.store = store;
    }

    @Override
    public synchronized Optional<OrderSnapshot> find(String orderKey) {
        return seen.computeIfAbsent(orderKey, this::read);
    }

    private Optional<OrderSnapshot> read(String orderKey) {
        ChannelOrderKey key;
        try {
            key = ChannelOrderKey.parse(orderKey);
        } catch (IllegalArgumentException notAnOrderKey) {
            return Optional.empty();
        }
        return store.find(key).map(StoredOrderStates::snapshot);
    }

    private static OrderSnapshot snapshot(OrderRecord order) {
        String status = order.status() == null ? null : order.status().name();
        List<OrderException> exceptions = order.exceptions();
        if (exceptions.isEmpty()) {
            return new OrderSnapshot(order.orderKey(), status, null, null, null, null);
        }
        OrderException last = exceptions.get(exceptions.size() - 1);
        return new OrderSnapshot(order.orderKey(), status, last.at(), last.type(), last.state().name(),
                last.reason());
    }
}
