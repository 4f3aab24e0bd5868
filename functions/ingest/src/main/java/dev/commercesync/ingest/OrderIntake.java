package dev.commercesync.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.commercesync.ingest.IntakeOutcome.IntakeFault;
import dev.commercesync.ingest.IntakeOutcome.Queued;
import dev.commercesync.ingest.IntakeOutcome.Rejected;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.http.CallerText;
import dev.commercesync.pipeline.logging.LogContext;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.PublishFailedException;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.metrics.Metric;
import dev.commercesync.pipeline.tracing.MessageTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Takes one delivered order to the intake queue, or says why not. Checks run cheapest and most fundamental first,
 * and nothing is queued unless every check passed; an order is reported queued only after SQS confirmed it, so the
 * channel retries anything that was not.
 */
@ApplicationScoped
public class OrderIntake {

    private static final Logger LOG = Logger.getLogger(OrderIntake.class);

    /**
     * SQS counts message attributes (name, type and value) against the same size limit as the body. Ours are the
     * correlation id (at most 128 characters), the schema id, traceparent (55) and tracestate (at most 512).
     */
    static final int ATTRIBUTE_ALLOWANCE_BYTES = 1024;

    private static final String KNOWN_CHANNELS = Arrays.stream(SalesChannel.values()).map(SalesChannel::id)
            .collect(Collectors.joining(", "));

    /** Trailing garbage and duplicate keys would let ingest and map read different orders from one body. */
    private static final ObjectReader BODY_READER = CommerceJson.newMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final EventPublisher publisher;
    private final EventCodec codec;
    private final Supplier<String> intakeQueueUrl;
    private final Optional<ShopifyWebhookSignature> shopifySignature;
    private final int maxMessageBytes;
    private final BusinessMetrics metrics;
    private final Clock clock;

    @Inject
    public OrderIntake(EventPublisher publisher, EventCodec codec, PipelineConfig pipeline, IngestConfig config,
                       BusinessMetrics metrics) {
        this(publisher, codec, () -> PipelineConfig.require(pipeline.queues().intake(), "INTAKE_QUEUE_URL"),
                config.shopifyWebhookSecret().filter(s -> !s.isEmpty()).map(ShopifyWebhookSignature::new),
                config.maxMessageBytes(), metrics, Clock.systemUTC());
    }

    OrderIntake(EventPublisher publisher, EventCodec codec, Supplier<String> intakeQueueUrl,
                Optional<ShopifyWebhookSignature> shopifySignature, int maxMessageBytes, BusinessMetrics metrics,
                Clock clock) {
        this.publisher = publisher;
        this.codec = codec;
        this.intakeQueueUrl = intakeQueueUrl;
        this.shopifySignature = shopifySignature;
        this.maxMessageBytes = maxMessageBytes;
        this.metrics = metrics;
        this.clock = clock;
    }

    public IntakeOutcome receive(OrderDelivery delivery) {
        Optional<SalesChannel> knownChannel = SalesChannel.fromId(delivery.channel());
        if (knownChannel.isEmpty()) {
            return new Rejected(IntakeFault.UNKNOWN_CHANNEL,
                    "no channel " + CallerText.quote(delivery.channel()) + "; known channels: " + KNOWN_CHANNELS);
        }
        SalesChannel channel = knownChannel.get();
        byte[] body = delivery.body();
        // The envelope embeds the body as a JSON string, so it is never smaller than the body: refuse early,
        // before spending an HMAC and a parse on it.
        if (body.length > envelopeLimit()) {
            return tooLarge("body is " + body.length + " bytes");
        }

        boolean verified = false;
        if (channel == SalesChannel.SHOPIFY && shopifySignature.isPresent()) {
            String presented = delivery.header().apply(DeliveryHeaders.SHOPIFY_HMAC);
            if (presented == null || presented.isBlank()) {
                return new Rejected(IntakeFault.SIGNATURE_INVALID, DeliveryHeaders.SHOPIFY_HMAC + " header is missing");
            }
            if (!shopifySignature.get().verify(body, presented)) {
                return new Rejected(IntakeFault.SIGNATURE_INVALID,
                        DeliveryHeaders.SHOPIFY_HMAC + " does not match the body");
            }
            verified = true;
        }

        JsonNode json;
        try {
            json = BODY_READER.readTree(body);
        } catch (JsonProcessingException e) {
            return new Rejected(IntakeFault.MALFORMED_BODY, "body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            return new Rejected(IntakeFault.MALFORMED_BODY, "body is not valid JSON: " + e.getMessage());
        }
        if (json == null || json.isMissingNode()) {
            return new Rejected(IntakeFault.MALFORMED_BODY, "body is empty");
        }
        ChannelOrderIdentity identity = ChannelOrderIdentity.of(channel, json);
        if (identity instanceof ChannelOrderIdentity.Missing missing) {
            return new Rejected(IntakeFault.MALFORMED_BODY, missing.reason());
        }
        String channelOrderId = ((ChannelOrderIdentity.Found) identity).channelOrderId();

        ChannelOrderKey key = new ChannelOrderKey(channel, channelOrderId);
        MDC.put(LogContext.ORDER_KEY, key.value());
        DeliveryHeaders headers = DeliveryHeaders.read(channel, delivery.header());
        // Valid JSON is valid UTF-8 (the parser checked), so this String holds exactly the received bytes.
        String rawBody = new String(body, StandardCharsets.UTF_8);
        EventEnvelope<RawOrderReceived> envelope = envelope(delivery.correlationId(), key, headers, rawBody,
                channel != SalesChannel.SHOPIFY || verified);

        String encoded = codec.encode(envelope);
        int envelopeBytes = encoded.getBytes(StandardCharsets.UTF_8).length;
        if (envelopeBytes > envelopeLimit()) {
            return tooLarge("the queued event would be " + envelopeBytes + " bytes");
        }
        try {
            publisher.publish(intakeQueueUrl.get(), envelope, encoded);
        } catch (PublishFailedException e) {
            LOG.errorf(e, "intake queue did not take %s (event %s, correlation %s)", key, envelope.eventId(),
                    delivery.correlationId());
            return new Rejected(IntakeFault.QUEUE_UNAVAILABLE, "the order could not be queued; retry later");
        }
        LOG.infof("queued %s %s as event %s (%d bytes, correlation %s)", key, headers.eventType(), envelope.eventId(),
                envelopeBytes, delivery.correlationId());
        // One delivery per invocation: its document is written now.
        metrics.count(Metric.ORDERS_RECEIVED, channel.id());
        metrics.flush();
        return new Queued(delivery.correlationId(), key.value(), envelope.eventId());
    }

    private EventEnvelope<RawOrderReceived> envelope(String correlationId, ChannelOrderKey key, DeliveryHeaders headers,
                                                     String rawBody, boolean authentic) {
        Instant now = clock.instant();
        SalesChannel channel = key.channel();
        RawOrderReceived payload = new RawOrderReceived(channel.id(), key.channelOrderId(), now, headers.eventId(),
                headers.eventType(), headers.storefrontId(), rawBody);
        TimelineEntry received = new TimelineEntry(now, "RECEIVED", correlationId, MessageTracing.currentTraceId(),
                receivedDetail(channel, headers, authentic));
        // No idempotency key yet: it includes the channel's version of the order, which only map can read.
        return new EventEnvelope<>(SchemaId.RAW_ORDER_V1, UUID.randomUUID().toString(), correlationId, null, now,
                channel.id(), key.value(), null, List.of(received), payload);
    }

    /** e.g. {@code shopify orders/updated webhook 1f2e3d4c-...}; the operator sees it on the order's timeline. */
    static String receivedDetail(SalesChannel channel, DeliveryHeaders headers, boolean authentic) {
        StringBuilder detail = new StringBuilder(channel.id()).append(' ').append(headers.eventType());
        if (channel == SalesChannel.SHOPIFY) {
            detail.append(" webhook");
        }
        if (headers.eventId() != null) {
            detail.append(' ').append(headers.eventId());
        }
        if (!authentic) {
            detail.append(" (signature not verified: no webhook secret configured)");
        }
        return detail.toString();
    }

    private int envelopeLimit() {
        return maxMessageBytes - ATTRIBUTE_ALLOWANCE_BYTES;
    }

    private Rejected tooLarge(String size) {
        return new Rejected(IntakeFault.TOO_LARGE,
                size + "; the intake queue takes at most " + envelopeLimit() + " bytes per order event");
    }

    /** Jackson's message without the echo of the source it appends, plus where the fault is. */
    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return e.getOriginalMessage() + where;
    }
}
