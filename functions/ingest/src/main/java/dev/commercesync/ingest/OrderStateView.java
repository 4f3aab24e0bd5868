package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * Body of {@code GET /v1/orders/{channel}/{channelOrderId}}, for operators. It carries the canonical order, which
 * holds the ship-to address; the raw channel payload of a mapping failure is deliberately left out.
 *
 * @param order the accepted canonical order as JSON (not as a string), null until one was accepted
 */
@RegisterForReflection(targets = {OrderStateView.class, TimelineEntry.class, OrderException.class})
public record OrderStateView(
        String orderKey,
        String channel,
        String channelOrderId,
        String status,
        String erpDocumentId,
        Instant sourceUpdatedAt,
        Instant updatedAt,
        JsonNode order,
        List<TimelineEntry> timeline,
        List<OrderException> exceptions) {

    public static OrderStateView of(ChannelOrderKey key, OrderRecord record, JsonNode order) {
        return new OrderStateView(key.value(), key.channel().id(), key.channelOrderId(),
                record.status() == null ? null : record.status().name(), record.erpDocumentId(),
                record.sourceUpdatedAt(), record.updatedAt(), order, record.timeline(), record.exceptions());
    }
}
