package dev.commercesync.pipeline.orderstate;

import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.state.ProcessingState;

import java.time.Instant;
import java.util.List;

/**
 * An order's state as stored.
 *
 * @param orderKey         the order
 * @param status           where it stands in the pipeline
 * @param version          optimistic-locking counter, incremented by every change of state (not by notes)
 * @param sourceUpdatedAt  the channel version last accepted (null while only a mapping failure is known)
 * @param acceptedEventKey idempotency key of the accepted version
 * @param postedSourceUpdatedAt the channel version the ERP holds, null until posted
 * @param correlationId    correlation id of the accepted version's intake
 * @param erpDocumentId    the ERP's document reference once posted
 * @param orderJson        the accepted canonical order ({@code commerce.order.v1} payload), null before acceptance
 * @param rawPayload       the raw channel body of a mapping failure, kept for the operator
 * @param timeline         every step, oldest first
 * @param exceptions       business exceptions recorded on the order (mapping failures, conflicts, ERP rejections)
 * @param updatedAt        when the order last changed state (notes such as a suppressed duplicate do not count)
 */
public record OrderRecord(
        String orderKey,
        ProcessingState status,
        long version,
        Instant sourceUpdatedAt,
        String acceptedEventKey,
        Instant postedSourceUpdatedAt,
        String correlationId,
        String erpDocumentId,
        String orderJson,
        String rawPayload,
        List<TimelineEntry> timeline,
        List<OrderException> exceptions,
        Instant updatedAt) {
}
