package dev.commercesync.benchmarks;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.commercesync.map.channel.MappingOutcome;
import dev.commercesync.map.channel.OrderMapping;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.OrderEventKey;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.pipeline.messaging.EventCodec;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One channel's realistic order, prepared once per trial in every form a step reads it: the raw body as ingest
 * wraps it, the canonical order the map step produces, and the {@value SchemaId#ORDER_V1} envelope on the queue.
 * The fixtures are copies of the map module's test fixtures of the same name.
 */
@State(Scope.Benchmark)
public class ChannelOrderPayload {

    /**
     * The parser settings of {@code PayloadNode} (whose reader is private): big decimals for floats with trailing
     * zeros kept, trailing tokens and duplicate keys refused. The floor must pay for the same checks the map step does.
     */
    static final ObjectMapper BODY_READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final Map<String, String> FIXTURE = Map.of(
            "shopify", "payloads/shopify/order-tax-inclusive-eur-discounts.json",
            "amazon", "payloads/amazon/order-us-tax-exclusive-multi-item.json",
            "ebay", "payloads/ebay/order-gb-multi-line-discount.json");

    // Where ingest reads the order id from each channel's body.
    private static final Map<String, String> ORDER_ID_POINTER = Map.of(
            "shopify", "/id",
            "amazon", "/order/AmazonOrderId",
            "ebay", "/orderId");

    private static final Instant RECEIVED_AT = Instant.parse("2026-11-25T12:00:00Z");

    @Param({"shopify", "amazon", "ebay"})
    public String channel;

    final OrderMapping mapping = OrderMapping.forAllChannels();
    final EventCodec codec = new EventCodec();

    String body;
    RawOrderReceived raw;
    CanonicalOrder order;
    EventEnvelope<CanonicalOrder> envelope;
    String encodedEnvelope;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        body = fixture(FIXTURE.get(channel));
        boolean shopify = "shopify".equals(channel);
        JsonNode id = BODY_READER.readTree(body).at(ORDER_ID_POINTER.get(channel));
        raw = new RawOrderReceived(channel, id.asText(), RECEIVED_AT,
                shopify ? "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" : null, shopify ? "orders/create" : null, null, body);

        // Measure the path a good order takes; a rejected fixture would time the error path instead.
        MappingOutcome outcome = mapping.map(raw);
        if (!(outcome instanceof MappingOutcome.Mapped mapped)) {
            throw new IllegalStateException(channel + " fixture does not map: " + outcome);
        }
        order = mapped.order();

        // Shaped as the map step forwards it: one trail entry for the MAPPED step.
        String correlationId = "0b9d3a52-6c1e-4f43-9a57-3c3f0e0a2f11";
        envelope = new EventEnvelope<>(SchemaId.ORDER_V1, "5f0c1b7e-8d2a-4f6b-9e3c-7a1d2b4c6e8f", correlationId,
                "c2a7e9d4-1b3f-4a5c-8d6e-9f0a1b2c3d4e", RECEIVED_AT.plusMillis(180), channel, order.key().value(),
                OrderEventKey.idempotencyKey(order, raw),
                List.of(new TimelineEntry(RECEIVED_AT.plusMillis(180), "MAPPED", correlationId, null,
                        "version " + order.sourceUpdatedAt() + ", " + order.lines().size() + " line(s)")),
                order);
        encodedEnvelope = codec.encode(envelope);
        EventEnvelope<CanonicalOrder> decoded = codec.decode(encodedEnvelope, SchemaId.ORDER_V1, CanonicalOrder.class);
        if (!order.equals(decoded.payload())) {
            throw new IllegalStateException(channel + " order does not survive an envelope round trip");
        }
    }

    private static String fixture(String resource) {
        try (InputStream in = ChannelOrderPayload.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no payload " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
