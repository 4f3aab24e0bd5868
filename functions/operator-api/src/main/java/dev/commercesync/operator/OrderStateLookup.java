package dev.commercesync.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** An order's state as operators see it: one consistent read of the order-state table. */
@ApplicationScoped
public class OrderStateLookup {

    /** Exact decimals, so no amount in the stored order is rounded or reformatted on its way out. */
    private static final ObjectReader ORDER_READER = CommerceJson.newMapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(JsonNodeFactory.withExactBigDecimals(true));

    private final OrderStateStore orders;

    public OrderStateLookup(OrderStateStore orders) {
        this.orders = orders;
    }

    public Optional<OrderStateView> find(ChannelOrderKey key) {
        return orders.find(key).map(record -> OrderStateView.of(key, record, canonicalOrder(record)));
    }

    private static JsonNode canonicalOrder(OrderRecord record) {
        if (record.orderJson() == null) {
            return null;
        }
        try {
            return ORDER_READER.readTree(record.orderJson());
        } catch (JsonProcessingException e) {
            // Only dedupe writes this attribute, with Jackson; unreadable means corrupted, which an operator must see.
            throw new IllegalStateException("stored order of " + record.orderKey() + " is not valid JSON at "
                    + e.getLocation(), e);
        }
    }
}
