package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import dev.commercesync.pipeline.metrics.EmfCapture;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LocalHttpApi;
import dev.commercesync.pipeline.testing.QueueProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order API end to end on real infrastructure: requests go through {@link LocalHttpApi} as HTTP API events into
 * the Lambda handler, orders land in the intake queue in ElasticMQ. Each test starts with an empty intake queue and
 * uses its own order ids. (Order state is shown by the operator API, tested in functions/operator-api.)
 */
@QuarkusTest
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(LocalHttpApi.class)
class OrderApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String SHOPIFY_ORDER = "shopify/orders-create-eur-two-lines.json";
    private static final String WEBHOOK_ID = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";
    private static final ObjectMapper JSON = CommerceJson.newMapper();

    @Inject
    SqsClient sqs;
    @ConfigProperty(name = "commerce.queues.intake")
    String intakeQueueUrl;
    @ConfigProperty(name = "commerce.ingest.shopify-webhook-secret")
    String shopifySecret;

    private QueueProbe intakeQueue;

    @BeforeEach
    void emptyIntakeQueue() {
        sqs.purgeQueue(b -> b.queueUrl(intakeQueueUrl));
        intakeQueue = new QueueProbe(sqs, intakeQueueUrl);
    }

    // ---- POST /v1/orders/{channel}

    @Test
    void signedShopifyWebhookIsQueuedOnceAsItArrived() throws IOException {
        byte[] body = fixture(SHOPIFY_ORDER);

        Response response;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            response = shopifyWebhook(body, signature(body)).post("/v1/orders/shopify");
            assertThat(emf.values("OrdersReceived", Map.of("Channel", "shopify"))).containsExactly(1.0);
            assertThat(emf.dimensionSets("OrdersReceived")).containsExactlyInAnyOrder(Set.of("Channel"), Set.of());
        }

        response.then().statusCode(202).contentType("application/json");
        String correlationId = response.jsonPath().getString("correlationId");
        assertThat(UUID.fromString(correlationId)).isNotNull();
        assertThat(response.header(CorrelationIds.HEADER)).isEqualTo(correlationId);
        assertThat(response.jsonPath().getString("orderKey")).isEqualTo("shopify:820982911946154508");

        List<Message> messages = intakeQueue.receive(10);
        assertThat(messages).hasSize(1);
        Message message = messages.get(0);
        EventEnvelope<RawOrderReceived> event = new EventCodec().decode(message.body(), SchemaId.RAW_ORDER_V1,
                RawOrderReceived.class);
        // Byte for byte what Shopify sent (pretty-printed, with "ß" and "–"), not a re-serialisation.
        assertThat(event.payload().body().getBytes(StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(event.payload().channel()).isEqualTo("shopify");
        assertThat(event.payload().channelOrderId()).isEqualTo("820982911946154508");
        assertThat(event.payload().channelEventId()).isEqualTo(WEBHOOK_ID);
        assertThat(event.payload().channelEventType()).isEqualTo("orders/create");
        assertThat(event.payload().storefrontId()).isEqualTo("example-shop.myshopify.com");
        assertThat(event.correlationId()).isEqualTo(correlationId);
        assertThat(event.orderKey()).isEqualTo("shopify:820982911946154508");
        assertThat(event.channel()).isEqualTo("shopify");
        assertThat(event.causationId()).isNull();
        assertThat(event.idempotencyKey()).isNull();
        assertThat(event.occurredAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        TimelineEntry received = event.trail().get(0);
        assertThat(event.trail()).hasSize(1);
        assertThat(received.step()).isEqualTo("RECEIVED");
        assertThat(received.detail()).isEqualTo("shopify orders/create webhook " + WEBHOOK_ID);
        assertThat(received.traceId()).matches("[0-9a-f]{32}");

        assertThat(attribute(message, MessageAttributeNames.CORRELATION_ID)).isEqualTo(correlationId);
        assertThat(attribute(message, MessageAttributeNames.SCHEMA)).isEqualTo(SchemaId.RAW_ORDER_V1);
        // The queued event continues the trace the timeline names.
        assertThat(attribute(message, MessageAttributeNames.TRACEPARENT))
                .matches("00-" + received.traceId() + "-[0-9a-f]{16}-0[01]");
    }

    @Test
    void honoursTheCallersCorrelationIdAndReplacesAnUnusableOne() throws IOException {
        byte[] body = fixture("ebay/order-gb-one-line.json");

        Response honoured = json(body).header(CorrelationIds.HEADER, "relay-2026-11-20-0042").post("/v1/orders/ebay");
        honoured.then().statusCode(202);
        assertThat(honoured.header(CorrelationIds.HEADER)).isEqualTo("relay-2026-11-20-0042");
        assertThat(honoured.jsonPath().getString("correlationId")).isEqualTo("relay-2026-11-20-0042");

        Response replaced = json(body).header(CorrelationIds.HEADER, "has spaces; " + "x".repeat(200))
                .post("/v1/orders/ebay");
        replaced.then().statusCode(202);
        String fresh = replaced.header(CorrelationIds.HEADER);
        assertThat(UUID.fromString(fresh)).isNotNull();
        assertThat(replaced.jsonPath().getString("correlationId")).isEqualTo(fresh);

        assertThat(intakeQueue.receive(10)).extracting(m -> attribute(m, MessageAttributeNames.CORRELATION_ID))
                .containsExactlyInAnyOrder("relay-2026-11-20-0042", fresh);
    }

    @Test
    void queuesAmazonAndEbayOrdersUnderTheirOwnKeys() throws IOException {
        json(fixture("amazon/order-with-items-de.json")).post("/v1/orders/amazon")
                .then().statusCode(202).body("orderKey", org.hamcrest.Matchers.equalTo("amazon:028-1234567-7654321"));
        json(fixture("ebay/order-gb-one-line.json")).post("/v1/orders/ebay")
                .then().statusCode(202).body("orderKey", org.hamcrest.Matchers.equalTo("ebay:12-34567-89012"));

        assertThat(intakeQueue.receive(10)).extracting(Message::body)
                .extracting(body -> new EventCodec().decode(body, SchemaId.RAW_ORDER_V1, RawOrderReceived.class))
                .extracting(e -> e.orderKey() + " " + e.payload().channelEventType() + " " + e.trail().get(0).detail())
                .containsExactlyInAnyOrder(
                        "amazon:028-1234567-7654321 order amazon order",
                        "ebay:12-34567-89012 order ebay order");
    }

    @Test
    void wrongShopifySignatureIsRefusedAndNothingQueued() throws IOException {
        byte[] body = fixture(SHOPIFY_ORDER);
        byte[] otherBody = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

        JsonNode problem = problem(shopifyWebhook(body, signature(otherBody)).post("/v1/orders/shopify"), 401);

        assertThat(problem.path("type").asText()).isEqualTo("urn:commerce-sync:problem:invalid-signature");
        assertThat(problem.path("detail").asText()).isEqualTo("X-Shopify-Hmac-Sha256 does not match the body");
        assertThat(problem.path("instance").asText()).isEqualTo("/v1/orders/shopify");
        assertNothingQueued();
    }

    @Test
    void missingShopifySignatureIsRefusedAndNothingQueued() throws IOException {
        JsonNode problem = problem(shopifyWebhook(fixture(SHOPIFY_ORDER), null).post("/v1/orders/shopify"), 401);

        assertThat(problem.path("detail").asText()).isEqualTo("X-Shopify-Hmac-Sha256 header is missing");
        assertNothingQueued();
    }

    @Test
    void malformedJsonIsRefusedNamingTheFault() {
        byte[] truncated = "{\"id\": 450789469, \"email\": \"jon@example.com\"".getBytes(StandardCharsets.UTF_8);

        JsonNode shopify = problem(shopifyWebhook(truncated, signature(truncated)).post("/v1/orders/shopify"), 400);
        JsonNode amazon = problem(json("{\"order\": {\"AmazonOrderId\": 028-1}}".getBytes(StandardCharsets.UTF_8))
                .post("/v1/orders/amazon"), 400);

        assertThat(shopify.path("type").asText()).isEqualTo("urn:commerce-sync:problem:malformed-order");
        assertThat(shopify.path("detail").asText()).startsWith("body is not valid JSON: Unexpected end-of-input");
        assertThat(amazon.path("detail").asText()).startsWith("body is not valid JSON: ")
                .contains("line 1, column");
        assertNothingQueued();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "shopify | {\"email\":\"jon@example.com\",\"total_price\":\"403.00\"} | id is missing",
            "amazon  | {\"order\":{\"OrderStatus\":\"Unshipped\"},\"orderItems\":[]}  | order.AmazonOrderId is missing",
            "ebay    | {\"legacyOrderId\":\"110123456789-0\"}                     | orderId is missing",
    })
    void bodyWithoutTheChannelsOrderIdIsRefused(String channel, String body, String reason) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RequestSpecification request = channel.equals("shopify") ? shopifyWebhook(bytes, signature(bytes)) : json(bytes);

        JsonNode problem = problem(request.post("/v1/orders/" + channel), 400);

        assertThat(problem.path("detail").asText()).isEqualTo(reason);
        assertNothingQueued();
    }

    @Test
    void unknownChannelIsNotFound() throws IOException {
        JsonNode problem = problem(json(fixture("ebay/order-gb-one-line.json")).post("/v1/orders/etsy"), 404);

        assertThat(problem.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unknown-channel");
        assertThat(problem.path("detail").asText()).isEqualTo("no channel 'etsy'; known channels: shopify, amazon, ebay");
        assertNothingQueued();
    }

    @Test
    void orderLargerThanTheQueueTakesIsRefused() {
        String padding = "x".repeat(270_000);
        byte[] plainlyTooBig = ("{\"orderId\":\"12-34567-89012\",\"note\":\"" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // 140 kB of escaped quotes: under the limit as a body, over it once embedded in the envelope.
        String quotes = "\\\"".repeat(70_000);
        byte[] tooBigOnceEnveloped = ("{\"orderId\":\"12-34567-89012\",\"note\":\"" + quotes + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tooBigOnceEnveloped.length).isLessThan(262_144 - OrderIntake.ATTRIBUTE_ALLOWANCE_BYTES);

        JsonNode first = problem(json(plainlyTooBig).post("/v1/orders/ebay"), 413);
        JsonNode second = problem(json(tooBigOnceEnveloped).post("/v1/orders/ebay"), 413);

        assertThat(first.path("type").asText()).isEqualTo("urn:commerce-sync:problem:order-too-large");
        assertThat(first.path("detail").asText()).startsWith("body is " + plainlyTooBig.length + " bytes");
        assertThat(second.path("detail").asText()).startsWith("the queued event would be ")
                .endsWith("the intake queue takes at most 261120 bytes per order event");
        assertNothingQueued();
    }

    @Test
    void wrongMethodStillAnswersProblemJson() {
        JsonNode problem = problem(given().delete("/v1/orders/shopify"), 405);

        assertThat(problem.path("title").asText()).isEqualTo("Method Not Allowed");
    }

    // ---- helpers

    private RequestSpecification shopifyWebhook(byte[] body, String hmac) {
        RequestSpecification request = json(body)
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Webhook-Id", WEBHOOK_ID)
                .header("X-Shopify-Shop-Domain", "example-shop.myshopify.com")
                .header("X-Shopify-API-Version", "2025-10");
        return hmac == null ? request : request.header("X-Shopify-Hmac-Sha256", hmac);
    }

    private static RequestSpecification json(byte[] body) {
        return given().contentType("application/json").body(body);
    }

    private String signature(byte[] body) {
        return new ShopifyWebhookSignature(shopifySecret).sign(body);
    }

    private static JsonNode problem(Response response, int status) {
        response.then().statusCode(status).contentType(PROBLEM_JSON);
        try {
            JsonNode problem = JSON.readTree(response.asByteArray());
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("correlationId").asText()).isEqualTo(response.header(CorrelationIds.HEADER));
            return problem;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }

    /** SendMessage returns only once the message is stored, so anything sent is already counted here. */
    private void assertNothingQueued() {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(intakeQueueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(counts).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    private static String attribute(Message message, String name) {
        return message.messageAttributes().containsKey(name) ? message.messageAttributes().get(name).stringValue() : null;
    }

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = OrderApiTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        }
    }
}
