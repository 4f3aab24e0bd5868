package dev.commercesync.pipeline.orderstate;

import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.state.ProcessingState;

import dev.commercesync.model.order.ChannelOrderKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

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
 * @param acceptedAt       when the accepted version was accepted, null before (or on rows older than this field)
 * @param rawOrigin        where {@code rawPayload} came from, null when none is kept (or on older rows)
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
        Instant updatedAt,
        Instant acceptedAt,
        RawPayloadOrigin rawOrigin) {

    public OrderRecord {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    public OrderRecord(String orderKey, ProcessingState status, long version, Instant sourceUpdatedAt,
                       String acceptedEventKey, Instant postedSourceUpdatedAt, String correlationId,
                       String erpDocumentId, String orderJson, String rawPayload, List<TimelineEntry> timeline,
                       List<OrderException> exceptions, Instant updatedAt) {
        this(orderKey, status, version, sourceUpdatedAt, acceptedEventKey, postedSourceUpdatedAt, correlationId,
                erpDocumentId, orderJson, rawPayload, timeline, exceptions, updatedAt, null, null);
    }

    public ChannelOrderKey key() {
        return ChannelOrderKey.parse(orderKey);
    }

    /** The id of the exception at {@code index} (0-based) in {@link #exceptions()}. */
    public ExceptionId exceptionId(int index) {
        return new ExceptionId(key(), index + 1);
    }

    /** The exception {@code id} names, when it is one of this order's. */
    public Optional<OrderException> exception(ExceptionId id) {
        return id.order().value().equals(orderKey) && id.sequence() <= exceptions.size()
                ? Optional.of(exceptions.get(id.sequence() - 1)) : Optional.empty();
    }

    /** The index (0-based) of the oldest open exception: the one the open-exception index lists the order under. */
    public OptionalInt oldestOpenException() {
        return OpenExceptions.oldestOpen(exceptions);
    }
}
