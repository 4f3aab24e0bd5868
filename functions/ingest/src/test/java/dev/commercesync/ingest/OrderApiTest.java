package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.ingest.testing.LocalHttpApi;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.QueueProbe;
import dev.commercesync.pipeline.testing.SampleOrders;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order API end to end on real infrastructure: requests go through {@link LocalHttpApi} as HTTP API events into
 * the Lambda handler, orders land in the intake queue in ElasticMQ, order state is read from DynamoDB Local. Each test
 * starts with an empty intake queue and uses its own order ids.
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
    @Inject
    OrderStateStore orderStates;
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

        Response response = shopifyWebhook(body, signature(body)).post("/v1/orders/shopify");

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

    // ---- GET /v1/orders/{channel}/{channelOrderId}

    @Test
    void orderStateIsShownWithItsCanonicalOrderTimelineAndExceptions() throws IOException {
        String orderId = Long.toString(5_000_000_000L + (System.nanoTime() % 1_000_000));
        ChannelOrderKey key = new ChannelOrderKey(SalesChannel.SHOPIFY, orderId);
        Instant version = Instant.parse("2026-11-20T09:00:05Z");
        CanonicalOrder order = SampleOrders.order(orderId, version, 2);
        Instant t0 = Instant.parse("2026-11-20T09:00:06Z");
        orderStates.accept(key, version, "shopify:" + orderId + ":orders/create:" + version, "corr-get-1",
                JSON.writeValueAsString(order), List.of(
                        new TimelineEntry(t0, "RECEIVED", "corr-get-1", "0af7651916cd43dd8448eb211c80319c",
                                "shopify orders/create webhook " + WEBHOOK_ID),
                        new TimelineEntry(t0.plusMillis(40), "MAPPED", "corr-get-1", null, "2 lines"),
                        new TimelineEntry(t0.plusMillis(90), "ACCEPTED", "corr-get-1", null, "queued for the ERP")));
        orderStates.recordException(key, new OrderException(t0.plusSeconds(1), "CONFLICT",
                "event arrived again with different content", "corr-get-2"), List.of(
                new TimelineEntry(t0.plusSeconds(1), "CONFLICT", "corr-get-2", null, "the first content stands")));
        long currentVersion = orderStates.find(key).orElseThrow().version();
        assertThat(orderStates.recordErpOutcome(key, currentVersion, ProcessingState.POSTED, "SO-10042", version,
                null, List.of(new TimelineEntry(t0.plusSeconds(2), "POSTED", "corr-get-1", null, "SO-10042"))))
                .isTrue();
        Response response = given().header(CorrelationIds.HEADER, "operator-check-1")
                .get("/v1/orders/shopify/" + orderId);

        response.then().statusCode(200).contentType("application/json").header("Cache-Control", "no-store")
                .header(CorrelationIds.HEADER, "operator-check-1");
        JsonNode view = JSON.readTree(response.asByteArray());
        assertThat(view.path("orderKey").asText()).isEqualTo("shopify:" + orderId);
        assertThat(view.path("channel").asText()).isEqualTo("shopify");
        assertThat(view.path("channelOrderId").asText()).isEqualTo(orderId);
        assertThat(view.path("status").asText()).isEqualTo("POSTED");
        assertThat(view.path("erpDocumentId").asText()).isEqualTo("SO-10042");
        assertThat(view.path("sourceUpdatedAt").asText()).isEqualTo("2026-11-20T09:00:05Z");
        assertThat(Instant.parse(view.path("updatedAt").asText())).isAfter(Instant.now().minusSeconds(60));
        // The canonical order as JSON, not a string, and identical to what dedupe stored.
        assertThat(view.path("order").isObject()).isTrue();
        assertThat(view.path("order")).isEqualTo(JSON.readTree(JSON.writeValueAsString(order)));
        assertThat(view.path("order").path("totals").path("grandTotal").path("amount").isTextual()).isTrue();
        assertThat(view.path("timeline")).extracting(e -> e.path("step").asText())
                .containsExactly("RECEIVED", "MAPPED", "ACCEPTED", "CONFLICT", "POSTED");
        JsonNode first = view.path("timeline").get(0);
        assertThat(first.path("at").asText()).isEqualTo("2026-11-20T09:00:06Z");
        assertThat(first.path("correlationId").asText()).isEqualTo("corr-get-1");
        assertThat(first.path("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(first.path("detail").asText()).isEqualTo("shopify orders/create webhook " + WEBHOOK_ID);
        assertThat(view.path("exceptions")).hasSize(1);
        assertThat(view.path("exceptions").get(0).path("type").asText()).isEqualTo("CONFLICT");
        assertThat(view.path("exceptions").get(0).path("reason").asText())
                .isEqualTo("event arrived again with different content");
        assertThat(view.has("rawPayload")).isFalse();
    }

    @Test
    void unknownOrderOrChannelIsNotFound() {
        JsonNode order = problem(given().get("/v1/orders/amazon/999-0000000-0000000"), 404);
        JsonNode channel = problem(given().get("/v1/orders/etsy/1"), 404);

        assertThat(order.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unknown-order");
        assertThat(order.path("detail").asText()).isEqualTo("no order amazon:999-0000000-0000000 is known");
        assertThat(order.path("instance").asText()).isEqualTo("/v1/orders/amazon/999-0000000-0000000");
        assertThat(channel.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unknown-channel");
    }

    @Test
    void acceptedOrderAwaitingTheErpHasNoDocumentAndNoExceptions() throws IOException {
        String orderId = Long.toString(6_000_000_000L + (System.nanoTime() % 1_000_000));
        ChannelOrderKey key = new ChannelOrderKey(SalesChannel.SHOPIFY, orderId);
        Instant version = Instant.parse("2026-11-21T12:00:00Z");
        orderStates.accept(key, version, "shopify:" + orderId + ":orders/updated:" + version, "corr-get-3",
                JSON.writeValueAsString(SampleOrders.order(orderId, version, 1)),
                List.of(new TimelineEntry(Instant.parse("2026-11-21T12:00:01Z"), "ACCEPTED", "corr-get-3", null,
                        "queued for the ERP")));

        JsonNode view = JSON.readTree(given().get("/v1/orders/shopify/" + orderId).then().statusCode(200)
                .extract().asByteArray());

        assertThat(view.path("status").asText()).isEqualTo("PENDING_ERP");
        assertThat(view.path("erpDocumentId").isNull()).isTrue();
        assertThat(view.path("exceptions")).isEmpty();
        assertThat(view.path("order").path("lines")).hasSize(2);
        assertThat(view.path("timeline")).singleElement()
                .satisfies(entry -> assertThat(entry.path("traceId").isNull()).isTrue());
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
