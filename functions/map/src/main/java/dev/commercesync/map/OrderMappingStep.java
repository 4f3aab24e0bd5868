package dev.commercesync.map;

import dev.commercesync.map.channel.MappingOutcome;
import dev.commercesync.map.channel.OrderMapping;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.OrderEventKey;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.batch.ReceivedMessage;
import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.logging.LogText;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.MalformedEventException;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.orderstate.Timeline;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One raw channel order: mapped and forwarded as a canonical order, or recorded on the order as
 * {@code MAPPING_FAILED} with the reason and the raw payload. A payload that cannot be mapped is a business
 * exception, not a retry: it is acknowledged once recorded, so it never loops until the DLQ.
 */
@ApplicationScoped
public class OrderMappingStep {

    private static final Logger LOG = Logger.getLogger(OrderMappingStep.class);

    private final EventCodec codec;
    private final OrderMapping mapping;
    private final EventPublisher publisher;
    private final OrderStateStore orders;
    private final PipelineConfig config;
    private final BusinessMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public OrderMappingStep(EventCodec codec, EventPublisher publisher, OrderStateStore orders, PipelineConfig config,
                            BusinessMetrics metrics) {
        this.codec = codec;
        this.mapping = OrderMapping.forAllChannels();
        this.publisher = publisher;
        this.orders = orders;
        this.config = config;
        this.metrics = metrics;
    }

    public void handle(ReceivedMessage message) {
        EventEnvelope<RawOrderReceived> event = codec.decode(message.body(), SchemaId.RAW_ORDER_V1,
                RawOrderReceived.class);
        if (event.orderKey() == null) {
            throw new MalformedEventException("raw order event " + event.eventId() + " has no order key", null);
        }
        MappingOutcome outcome = mapping.map(event.payload());
        if (outcome instanceof MappingOutcome.Mapped mapped) {
            forward(event, mapped.order());
        } else if (outcome instanceof MappingOutcome.Rejected rejected) {
            LOG.warnf("order %s not mapped: %s", event.orderKey(), LogText.withoutQuotedValues(rejected.reason()));
            orders.recordMappingFailure(ChannelOrderKey.parse(event.orderKey()), rejected.reason(),
                    event.payload(), event.correlationId(),
                    Timeline.trailThen(event, "MAPPING_FAILED", rejected.reason()));
            metrics.businessException(event.channel(), ProcessingState.MAPPING_FAILED.name());
        }
    }

    private void forward(EventEnvelope<RawOrderReceived> event, CanonicalOrder order) {
        Instant now = clock.instant();
        String idempotencyKey = OrderEventKey.idempotencyKey(order, event.payload());
        EventEnvelope<CanonicalOrder> canonical = new EventEnvelope<>(SchemaId.ORDER_V1, UUID.randomUUID().toString(),
                event.correlationId(), event.eventId(), now, event.channel(), order.key().value(), idempotencyKey,
                Timeline.trailThen(event, "MAPPED", "version " + order.sourceUpdatedAt() + ", " + order.lines().size()
                        + " line(s), " + order.totals().grandTotal()),
                order);
        publisher.publish(PipelineConfig.require(config.queues().canonical(), "CANONICAL_QUEUE_URL"), canonical);
    }
}
