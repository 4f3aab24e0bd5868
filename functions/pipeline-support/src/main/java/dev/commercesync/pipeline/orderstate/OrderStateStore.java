package dev.commercesync.pipeline.orderstate;

import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.state.ProcessingState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Order state with its timeline. Every method is one DynamoDB write at most (reads aside), and each appends the
 * given timeline entries to the order in that same write.
 */
public interface OrderStateStore {

    Optional<OrderRecord> find(ChannelOrderKey key);

    /**
     * Accepts a channel version as the order's latest and moves it to {@link ProcessingState#PENDING_ERP}, unless a
     * version at least as new was accepted already (then nothing is written unless it is this very event).
     */
    AcceptOutcome accept(ChannelOrderKey key, Instant sourceUpdatedAt, String eventKey, String correlationId,
                         String orderJson, List<TimelineEntry> entries);

    /**
     * Records a payload that could not be mapped. The order moves to {@link ProcessingState#MAPPING_FAILED} only when
     * it has no accepted version; otherwise the exception is recorded beside the accepted order.
     */
    void recordMappingFailure(ChannelOrderKey key, String reason, RawOrderReceived raw, String correlationId,
                              List<TimelineEntry> entries);

    /**
     * As {@link #recordMappingFailure(ChannelOrderKey, String, RawOrderReceived, String, List)} when only the body is
     * known: a retry then re-sends it with the channel's default event type and no shop.
     */
    default void recordMappingFailure(ChannelOrderKey key, String reason, String rawPayload, String correlationId,
                                      List<TimelineEntry> entries) {
        recordMappingFailure(key, reason, new RawOrderReceived(key.channel().id(), key.channelOrderId(), null, null,
                null, null, rawPayload), correlationId, entries);
    }

    /** Records an exception (e.g. a conflict, a stale version) and its timeline entry without changing the status. */
    void recordException(ChannelOrderKey key, OrderException exception, List<TimelineEntry> entries);

    /** Appends timeline entries without changing anything else. */
    void appendTimeline(ChannelOrderKey key, List<TimelineEntry> entries);

    /**
     * Records the ERP's answer for the accepted version {@code postedVersion} if the order is still at
     * {@code expectedVersion}.
     *
     * A posting also settles the exceptions it makes moot ({@link OpenExceptions#settledByPosting}): they become
     * {@link ExceptionState#RESOLVED} in the same write.
     *
     * @param newStatus {@link ProcessingState#POSTED} or {@link ProcessingState#ERP_REJECTED}
     * @param exception the rejection to record, or null
     * @return false when the order changed in between (a newer version was accepted); nothing was written
     */
    boolean recordErpOutcome(ChannelOrderKey key, long expectedVersion, ProcessingState newStatus,
                             String erpDocumentId, Instant postedVersion, OrderException exception,
                             List<TimelineEntry> entries);

    /** Orders in {@code status} last updated before {@code updatedBefore}, oldest first (the status GSI). */
    List<OrderRecord> findByStatusUpdatedBefore(ProcessingState status, Instant updatedBefore, int limit);

    /**
     * Orders whose oldest open exception is of {@code type}, oldest first (the open-exception GSI).
     *
     * @param raisedBefore only exceptions recorded before this instant; null for all
     * @param channel      only orders of this channel id; null for all
     * @param limit        at most this many orders
     * @param after        resume after this position (a previous page's {@link OpenExceptionPage#next()}); null to
     *                     start
     */
    OpenExceptionPage findOpenExceptions(BusinessExceptionType type, Instant raisedBefore, String channel, int limit,
                                         OpenExceptionCursor after);

    /**
     * Records an operator's retry of exception {@code id}: marks it {@link ExceptionState#RETRIED} (who, when, why),
     * optionally moves the order to {@code newStatus}, and appends the timeline entries, provided the order is still
     * as {@code seen} (same version, no exception recorded since).
     *
     * @param newStatus the status to move to (an ERP rejection goes back to {@link ProcessingState#PENDING_ERP}), or
     *                  null to leave it
     * @return false when the order changed since {@code seen}; nothing was written
     */
    boolean recordRetry(OrderRecord seen, ExceptionId id, ProcessingState newStatus, String actor, String reason,
                        Instant at, List<TimelineEntry> entries);
}
