package dev.commercesync.ingest;

import dev.commercesync.ingest.IntakeOutcome.IntakeFault;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.PublishFailedException;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.metrics.EmfCapture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake rules with an in-memory queue; {@link OrderApiTest} proves the same through HTTP, SQS and Lambda. */
class OrderIntakeTest {

    private static final String QUEUE = "https://sqs.eu-central-1.amazonaws.com/000000000000/intake";
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:05Z");
    private static final ShopifyWebhookSignature SIGNATURE = new ShopifyWebhookSignature("test-secret");
    private static final byte[] SHOPIFY_BODY = "{\"id\":450789469,\"note\":\"straße\"}".getBytes(StandardCharsets.UTF_8);

    private final List<EventEnvelope<?>> queued = new ArrayList<>();
    private final EmfCapture emf = EmfCapture.sink();
    private final EventPublisher queue = (url, event) -> {
        assertThat(url).isEqualTo(QUEUE);
        queued.add(event);
    };

    @Test
    void queuesASignedShopifyWebhookAsItArrived() {
        IntakeOutcome outcome = intake(queue, Optional.of(SIGNATURE), 262_144).receive(shopify(SHOPIFY_BODY,
                SIGNATURE.sign(SHOPIFY_BODY)));

        assertThat(outcome).isInstanceOf(IntakeOutcome.Queued.class);
        assertThat(queued).hasSize(1);
        @SuppressWarnings("unchecked")
        EventEnvelope<RawOrderReceived> event = (EventEnvelope<RawOrderReceived>) queued.get(0);
        assertThat(event.schema()).isEqualTo(SchemaId.RAW_ORDER_V1);
        assertThat(event.correlationId()).isEqualTo("corr-1");
        assertThat(event.causationId()).isNull();
        assertThat(event.idempotencyKey()).isNull();
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.orderKey()).isEqualTo("shopify:450789469");
        assertThat(event.payload()).isEqualTo(new RawOrderReceived("shopify", "450789469", NOW,
                "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "orders/updated", "example-shop.myshopify.com",
                new String(SHOPIFY_BODY, StandardCharsets.UTF_8)));
        assertThat(event.trail()).singleElement().satisfies(entry -> {
            assertThat(entry.step()).isEqualTo("RECEIVED");
            assertThat(entry.at()).isEqualTo(NOW);
            assertThat(entry.detail()).isEqualTo("shopify orders/updated webhook b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        });
        assertThat(((IntakeOutcome.Queued) outcome).eventId()).isEqualTo(event.eventId());
        assertThat(emf.values("OrdersReceived", Map.of("Channel", "shopify"))).containsExactly(1.0);
    }

    @Test
    void withoutASecretAcceptsShopifyButSaysItIsUnverified() {
        intake(queue, Optional.empty(), 262_144).receive(shopify(SHOPIFY_BODY, null));

        assertThat(queued).singleElement().satisfies(event -> assertThat(event.trail().get(0).detail())
                .endsWith("(signature not verified: no webhook secret configured)"));
    }

    @Test
    void checksTheSignatureBeforeReadingTheBody() {
        byte[] notJson = "{oops".getBytes(StandardCharsets.UTF_8);
        IntakeOutcome outcome = intake(queue, Optional.of(SIGNATURE), 262_144).receive(shopify(notJson, "AAAA"));

        assertThat(outcome).isEqualTo(new IntakeOutcome.Rejected(IntakeFault.SIGNATURE_INVALID,
                "X-Shopify-Hmac-Sha256 does not match the body"));
        assertThat(queued).isEmpty();
    }

    @Test
    void rejectsTrailingGarbageAndDuplicateKeysSoMapReadsWhatIngestRead() {
        OrderIntake intake = intake(queue, Optional.empty(), 262_144);

        assertThat(intake.receive(plain("ebay", "{\"orderId\":\"1-2-3\"} {\"orderId\":\"4-5-6\"}")))
                .isInstanceOfSatisfying(IntakeOutcome.Rejected.class,
                        r -> assertThat(r.detail()).startsWith("body is not valid JSON: Trailing token"));
        assertThat(intake.receive(plain("ebay", "{\"orderId\":\"1-2-3\",\"orderId\":\"4-5-6\"}")))
                .isInstanceOfSatisfying(IntakeOutcome.Rejected.class,
                        r -> assertThat(r.detail()).startsWith("body is not valid JSON: Duplicate field 'orderId'"));
        assertThat(intake.receive(plain("ebay", ""))).isEqualTo(
                new IntakeOutcome.Rejected(IntakeFault.MALFORMED_BODY, "body is empty"));
        assertThat(queued).isEmpty();
    }

    @Test
    void measuresTheEnvelopeNotTheBody() {
        // Quotes inside strings double when the body is embedded as a JSON string: 3 000 bytes become over 6 000.
        String body = "{\"orderId\":\"1-2-3\",\"note\":\"" + "\\\"".repeat(1500) + "\"}";
        int limit = body.length() + 2 * OrderIntake.ATTRIBUTE_ALLOWANCE_BYTES;
        IntakeOutcome outcome = intake(queue, Optional.empty(), limit).receive(plain("ebay", body));

        assertThat(outcome).isInstanceOfSatisfying(IntakeOutcome.Rejected.class, r -> {
            assertThat(r.fault()).isEqualTo(IntakeFault.TOO_LARGE);
            assertThat(r.detail()).startsWith("the queued event would be ");
        });
        assertThat(queued).isEmpty();
    }

    @Test
    void reportsAQueueThatDidNotTakeTheOrder() {
        EventPublisher down = (url, event) -> {
            throw new PublishFailedException("SQS did not take it", null);
        };
        IntakeOutcome outcome = intake(down, Optional.empty(), 262_144).receive(plain("ebay", "{\"orderId\":\"1-2-3\"}"));

        assertThat(outcome).isEqualTo(new IntakeOutcome.Rejected(IntakeFault.QUEUE_UNAVAILABLE,
                "the order could not be queued; retry later"));
        assertThat(emf.documentsWith("OrdersReceived")).as("only a 202 counts").isEmpty();
    }

    private OrderIntake intake(EventPublisher publisher, Optional<ShopifyWebhookSignature> signature, int max) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new OrderIntake(publisher, new EventCodec(), () -> QUEUE, signature, max,
                new BusinessMetrics(emf, clock), clock);
    }

    private static OrderDelivery shopify(byte[] body, String hmac) {
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("X-Shopify-Topic", "orders/updated");
        headers.put("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        headers.put("X-Shopify-Shop-Domain", "example-shop.myshopify.com");
        if (hmac != null) {
            headers.put("X-Shopify-Hmac-Sha256", hmac);
        }
        return new OrderDelivery("shopify", body, headers::get, "corr-1");
    }

    private static OrderDelivery plain(String channel, String body) {
        return new OrderDelivery(channel, body.getBytes(StandardCharsets.UTF_8), name -> null, "corr-2");
    }
}
