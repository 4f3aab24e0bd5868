package dev.commercesync.dedupe;

import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.pipeline.batch.ReceivedMessage;
import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.idempotency.ClaimResult;
import dev.commercesync.pipeline.idempotency.IdempotencyClaim;
import dev.commercesync.pipeline.idempotency.IdempotencyStore;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.MalformedEventException;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.metrics.Metric;
import dev.commercesync.pipeline.orderstate.AcceptOutcome;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.orderstate.Timeline;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Lets each channel version of an order through once. Per event: one conditional write of the idempotency key,
 * then (first sighting only) one conditional write that accepts the version on the order state, then the stock holds
 * of its SKUs (one batch send to the inventory queue) and the posting.
 */
@ApplicationScoped
public class OrderDeduplication {

    private static final Logger LOG = Logger.getLogger(OrderDeduplication.class);

    private final EventCodec codec;
    private final IdempotencyStore idempotency;
    private final OrderStateStore orders;
    private final EventPublisher publisher;
    private final PipelineConfig config;
    private final BusinessMetrics metrics;
    private final Clock clock;

    public OrderDeduplication(EventCodec codec, IdempotencyStore idempotency, OrderStateStore orders,
                              EventPublisher publisher, PipelineConfig config, BusinessMetrics metrics) {
        this.codec = codec;
        this.idempotency = idempotency;
        this.orders = orders;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    public void handle(ReceivedMessage message) {
        EventEnvelope<CanonicalOrder> event = codec.decode(message.body(), SchemaId.ORDER_V1, CanonicalOrder.class);
        if (event.idempotencyKey() == null || event.idempotencyKey().isBlank()) {
            throw new MalformedEventException("event " + event.eventId() + " has no idempotency key", null);
        }
        CanonicalOrder order = event.payload();
        ChannelOrderKey key = order.key();
        Instant now = clock.instant();
        String hash = PayloadFingerprint.of(order);

        ClaimResult claim = idempotency.claim(new IdempotencyClaim(event.idempotencyKey(), hash, key.value(),
                message.messageId(), now, now.plus(config.idempotency().ttl())));
        DedupeVerdict verdict = DedupeVerdict.afterClaim(claim);
        AcceptOutcome accepted = null;
        if (verdict == null) {
            accepted = orders.accept(key, order.sourceUpdatedAt(), event.idempotencyKey(), event.correlationId(),
                    PayloadFingerprint.json(order), Timeline.trailThen(event, "ACCEPTED",
                            "version " + order.sourceUpdatedAt() + " queued for the ERP"));
            verdict = DedupeVerdict.afterVersionCheck(accepted);
            if (accepted instanceof AcceptOutcome.Accepted) {
                // Counted once, where the version is accepted: a replay of our own unfinished work is AlreadyAccepted.
                metrics.count(Metric.ORDERS_ACCEPTED, key.channel().id());
            }
        }

        switch (verdict) {
            case FORWARD -> {
                // Holds first: the units are taken off every channel before the ERP even sees the order.
                publisher.publishAll(PipelineConfig.require(config.queues().inventory(), "INVENTORY_QUEUE_URL"),
                        holds(event, now));
                publisher.publish(PipelineConfig.require(config.queues().posting(), "POSTING_QUEUE_URL"),
                        forward(event, now));
            }
            case DUPLICATE -> {
                LOG.infof("duplicate suppressed: %s (first seen %s)", event.idempotencyKey(),
                        ((ClaimResult.Duplicate) claim).firstSeenAt());
                orders.appendTimeline(key, Timeline.trailThen(event, "DUPLICATE_SUPPRESSED", event.idempotencyKey()));
                metrics.count(Metric.DUPLICATES_SUPPRESSED, key.channel().id());
            }
            case CONFLICT -> {
                String reason = "event " + event.idempotencyKey() + " arrived again with different content (payload hash "
                        + abbreviate(((ClaimResult.Conflict) claim).existingHash()) + " then " + abbreviate(hash)
                        + "); the first content stands";
                LOG.warnf("conflict on %s: %s", key, reason);
                orders.recordException(key, new OrderException(now, "CONFLICT", reason, event.correlationId()),
                        Timeline.trailThen(event, "CONFLICT", reason));
                metrics.businessException(key.channel().id(), "CONFLICT");
            }
            case STALE -> {
                String detail = "version " + order.sourceUpdatedAt() + " ignored: version "
                        + ((AcceptOutcome.Stale) accepted).current() + " is already accepted";
                LOG.infof("stale version on %s: %s", key, detail);
                orders.appendTimeline(key, Timeline.trailThen(event, "STALE_VERSION_IGNORED", detail));
            }
        }
    }

    private EventEnvelope<CanonicalOrder> forward(EventEnvelope<CanonicalOrder> event, Instant now) {
        return new EventEnvelope<>(SchemaId.ORDER_V1, UUID.randomUUID().toString(), event.correlationId(),
                event.eventId(), now, event.channel(), event.orderKey(), event.idempotencyKey(), List.of(),
                event.payload());
    }

    private static List<EventEnvelope<?>> holds(EventEnvelope<CanonicalOrder> event, Instant now) {
        return OrderStockHolds.of(event.payload(), now).stream()
                .<EventEnvelope<?>>map(hold -> new EventEnvelope<>(SchemaId.STOCK_HOLD_V1, UUID.randomUUID().toString(),
                        event.correlationId(), event.eventId(), now, event.channel(), event.orderKey(),
                        hold.idempotencyKey(), List.of(), hold))
                .toList();
    }

    private static String abbreviate(String hash) {
        return hash == null || hash.length() <= 12 ? String.valueOf(hash) : hash.substring(0, 12);
    }
}
