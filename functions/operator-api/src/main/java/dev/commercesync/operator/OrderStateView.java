package dev.commercesync.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code GET /v1/orders/{channel}/{channelOrderId}}, for operators. It carries the canonical order, which
 * holds the ship-to address; the raw channel payload of a mapping failure is deliberately left out.
 *
 * @param order      the accepted canonical order as JSON (not as a string), null until one was accepted
 * @param timeline   every step, oldest first, each with the trace id of the span that did it where known
 * @param exceptions every business exception ever recorded on the order, with the id to retry it by and its state
 */
@RegisterForReflection(targets = {OrderStateView.class, OrderStateView.ExceptionView.class, TimelineEntry.class})
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
        List<ExceptionView> exceptions) {

    public static OrderStateView of(ChannelOrderKey key, OrderRecord record, JsonNode order) {
        List<ExceptionView> exceptions = new ArrayList<>(record.exceptions().size());
        for (int i = 0; i < record.exceptions().size(); i++) {
            exceptions.add(ExceptionView.of(record.exceptionId(i).value(), record.exceptions().get(i)));
        }
        return new OrderStateView(key.value(), key.channel().id(), key.channelOrderId(),
                record.status() == null ? null : record.status().name(), record.erpDocumentId(),
                record.sourceUpdatedAt(), record.updatedAt(), order, record.timeline(), exceptions);
    }

    /**
     * One business exception as operators see it.
     *
     * @param exceptionId what {@code POST /v1/exceptions/{exceptionId}/retry} takes
     * @param state       {@code OPEN}, {@code RETRIED} or {@code RESOLVED}
     * @param retriedAt   when an operator last retried it; {@code retriedBy} who, {@code retryReason} why
     * @param resolvedAt  when a later success settled it; {@code resolution} how
     */
    public record ExceptionView(String exceptionId, Instant at, String type, String state, String reason,
                                String correlationId, Instant retriedAt, String retriedBy, String retryReason,
                                Instant resolvedAt, String resolution) {

        static ExceptionView of(String exceptionId, OrderException e) {
            return new ExceptionView(exceptionId, e.at(), e.type(), e.state().name(), e.reason(), e.correlationId(),
                    e.retriedAt(), e.retriedBy(), e.retryReason(), e.resolvedAt(), e.resolution());
        }
    }
}
