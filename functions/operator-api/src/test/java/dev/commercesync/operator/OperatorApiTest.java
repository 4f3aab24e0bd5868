package dev.commercesync.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import dev.commercesync.pipeline.operations.AuditRecord;
import dev.commercesync.pipeline.operations.OperatorAudit;
import dev.commercesync.pipeline.orderstate.ExceptionState;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LocalHttpApi;
import dev.commercesync.pipeline.testing.QueueProbe;
import dev.commercesync.pipeline.testing.SampleOrders;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator API end to end on real infrastructure: requests go through {@link LocalHttpApi} as HTTP API events into
 * the Lambda handler; orders are set up in DynamoDB Local through the order-state store as the pipeline writes them,
 * retries land in the intake and posting queues in ElasticMQ, audit records in the audit table. The template's
 * LocalOperatorToken is set, as ./run-local sets it; {@link IamCallerTest} covers AWS, where IAM guards the routes.
 */
@QuarkusTest
@WithTestResource(value = AwsEmulatorsResource.class,
        initArgs = @ResourceArg(name = "LocalOperatorToken", value = OperatorApiTest.TOKEN))
@WithTestResource(LocalHttpApi.class)
class OperatorApiTest {

    static final String TOKEN = "test-operator-token";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = CommerceJson.newMapper();

    @Inject
    OrderStateStore orders;
    @Inject
    OperatorAudit audit;
    @Inject
    SqsClient sqs;
    @Inject
    EventCodec codec;
    @ConfigProperty(name = "commerce.queues.intake")
    String intakeQueueUrl;
    @ConfigProperty(name = "commerce.queues.posting")
    String postingQueueUrl;

    private QueueProbe intakeQueue;
    private QueueProbe postingQueue;

    @BeforeEach
    void emptyQueues() {
        sqs.purgeQueue(b -> b.queueUrl(intakeQueueUrl));
        sqs.purgeQueue(b -> b.queueUrl(postingQueueUrl));
        intakeQueue = new QueueProbe(sqs, intakeQueueUrl);
        postingQueue = new QueueProbe(sqs, postingQueueUrl);
    }

    // ---- access

    @Test
    void everyOperatorRouteDemandsTheBearerToken() {
        String orderPath = "/v1/orders/shopify/1";
        JsonNode missing = problem(given().get("/v1/exceptions"), 401);
        JsonNode wrong = problem(given().header("Authorization", "Bearer not-the-token").get(orderPath), 401);
        JsonNode retry = problem(given().contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/v1/exceptions/abc.1/retry"), 401);

        assertThat(missing.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unauthorized");
        assertThat(wrong.path("instance").asText()).isEqualTo(orderPath);
        assertThat(retry.path("detail").asText()).contains("Authorization: Bearer");
        given().get("/v1/exceptions").then().header("WWW-Authenticate", "Bearer realm=\"commerce-sync-operator\"");
        operator().get("/v1/exceptions").then().statusCode(200);
        given().header("Authorization", "bearer " + TOKEN).get("/v1/exceptions").then().statusCode(200);
    }

    // ---- GET /v1/orders/{channel}/{channelOrderId}

    @Test
    void orderStateIsShownWithItsCanonicalOrderTimelineAndExceptions() throws IOException {
        String orderId = Long.toString(5_000_000_000L + (System.nanoTime() % 1_000_000));
        ChannelOrderKey key = new ChannelOrderKey(SalesChannel.SHOPIFY, orderId);
        Instant version = Instant.parse("2026-11-20T09:00:05Z");
        CanonicalOrder order = SampleOrders.order(orderId, version, 2);
        Instant t0 = Instant.parse("2026-11-20T09:00:06Z");
        String trace = "0af7651916cd43dd8448eb211c80319c";
        orders.accept(key, version, "shopify:" + orderId + ":orders/create:" + version, "corr-get-1",
                JSON.writeValueAsString(order), List.of(
                        new TimelineEntry(t0, "RECEIVED", "corr-get-1", trace, "shopify orders/create webhook"),
                        new TimelineEntry(t0.plusMillis(40), "MAPPED", "corr-get-1", trace, "2 lines"),
                        new TimelineEntry(t0.plusMillis(90), "ACCEPTED", "corr-get-1", trace, "queued for the ERP")));
        orders.recordException(key, new OrderException(Instant.now(), "CONFLICT",
                "event arrived again with different content", "corr-get-2"), List.of(
                new TimelineEntry(t0.plusSeconds(1), "CONFLICT", "corr-get-2", null, "the first content stands")));
        long currentVersion = orders.find(key).orElseThrow().version();
        assertThat(orders.recordErpOutcome(key, currentVersion, ProcessingState.POSTED, "SO-10042", version,
                null, List.of(new TimelineEntry(t0.plusSeconds(2), "POSTED", "corr-get-1",
                        "4bf92f3577b34da6a3ce929d0e0e4736", "SO-10042")))).isTrue();

        Response response = operator().header(CorrelationIds.HEADER, "operator-check-1")
                .get("/v1/orders/shopify/" + orderId);

        response.then().statusCode(200).contentType("application/json").header("Cache-Control", "no-store")
                .header(CorrelationIds.HEADER, "operator-check-1");
        JsonNode view = JSON.readTree(response.asByteArray());
        assertThat(view.path("orderKey").asText()).isEqualTo("shopify:" + orderId);
        assertThat(view.path("status").asText()).isEqualTo("POSTED");
        assertThat(view.path("erpDocumentId").asText()).isEqualTo("SO-10042");
        assertThat(view.path("sourceUpdatedAt").asText()).isEqualTo("2026-11-20T09:00:05Z");
        // The canonical order as JSON, not a string, and identical to what dedupe stored.
        assertThat(view.path("order")).isEqualTo(JSON.readTree(JSON.writeValueAsString(order)));
        assertThat(view.path("order").path("totals").path("grandTotal").path("amount").isTextual()).isTrue();
        // The full timeline, with the trace of each step.
        assertThat(view.path("timeline")).extracting(e -> e.path("step").asText())
                .containsExactly("RECEIVED", "MAPPED", "ACCEPTED", "CONFLICT", "POSTED");
        assertThat(view.path("timeline")).extracting(e -> e.path("traceId").asText(null))
                .containsExactly(trace, trace, trace, null, "4bf92f3577b34da6a3ce929d0e0e4736");
        // Every exception with its id and state: the conflict came after the accepted content, so it stays open.
        JsonNode conflict = view.path("exceptions").get(0);
        assertThat(view.path("exceptions")).hasSize(1);
        assertThat(conflict.path("type").asText()).isEqualTo("CONFLICT");
        assertThat(conflict.path("state").asText()).isEqualTo("OPEN");
        assertThat(conflict.path("exceptionId").asText()).isEqualTo(
                orders.find(key).orElseThrow().exceptionId(0).value());
        assertThat(conflict.path("reason").asText()).isEqualTo("event arrived again with different content");
        assertThat(view.has("rawPayload")).isFalse();
    }

    @Test
    void unknownOrderOrChannelIsNotFound() {
        JsonNode order = problem(operator().get("/v1/orders/amazon/999-0000000-0000000"), 404);
        JsonNode channel = problem(operator().get("/v1/orders/etsy/1"), 404);

        assertThat(order.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unknown-order");
        assertThat(order.path("detail").asText()).isEqualTo("no order amazon:999-0000000-0000000 is known");
        assertThat(order.path("instance").asText()).isEqualTo("/v1/orders/amazon/999-0000000-0000000");
        assertThat(channel.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unknown-channel");
    }

    // ---- GET /v1/exceptions

    @Test
    void exceptionsAreListedOldestFirstByTypeChannelAndAge() throws IOException {
        Instant now = Instant.now();
        ChannelOrderKey oldConflict = open(SalesChannel.AMAZON, "CONFLICT", now.minus(Duration.ofHours(3)));
        ChannelOrderKey oldRejection = open(SalesChannel.EBAY, "ERP_REJECTED", now.minus(Duration.ofHours(2)));
        ChannelOrderKey freshRejection = open(SalesChannel.AMAZON, "ERP_REJECTED", now.minusSeconds(5));

        List<JsonNode> all = listAll("");
        assertThat(keysOf(all)).containsSubsequence(oldConflict.value(), oldRejection.value(), freshRejection.value());
        assertThat(all).extracting(e -> e.path("at").asText()).isSortedAccordingTo(
                (a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
        JsonNode first = all.stream().filter(e -> e.path("orderKey").asText().equals(oldConflict.value()))
                .findFirst().orElseThrow();
        assertThat(first.path("type").asText()).isEqualTo("CONFLICT");
        assertThat(first.path("state").asText()).isEqualTo("OPEN");
        assertThat(first.path("channel").asText()).isEqualTo("amazon");
        assertThat(first.path("exceptionId").asText()).isEqualTo(orders.find(oldConflict).orElseThrow()
                .exceptionId(0).value());

        List<JsonNode> rejections = listAll("type=ERP_REJECTED");
        assertThat(keysOf(rejections)).contains(oldRejection.value(), freshRejection.value())
                .doesNotContain(oldConflict.value());
        assertThat(rejections).allSatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("ERP_REJECTED"));

        List<JsonNode> amazon = listAll("channel=amazon");
        assertThat(keysOf(amazon)).contains(oldConflict.value(), freshRejection.value())
                .doesNotContain(oldRejection.value());
        assertThat(amazon).allSatisfy(e -> assertThat(e.path("channel").asText()).isEqualTo("amazon"));

        List<JsonNode> olderThanAnHour = listAll("olderThan=PT1H");
        assertThat(keysOf(olderThanAnHour)).contains(oldConflict.value(), oldRejection.value())
                .doesNotContain(freshRejection.value());
        assertThat(keysOf(listAll("type=erp_rejected&channel=ebay&olderThan=PT90M"))).contains(oldRejection.value())
                .doesNotContain(oldConflict.value(), freshRejection.value());
    }

    @Test
    void theListPagesWithLimitAndCursor() throws IOException {
        Instant base = Instant.now().minus(Duration.ofDays(400));
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(open(SalesChannel.SHOPIFY, i % 2 == 0 ? "ERP_REJECTED" : "MAPPING_FAILED",
                    base.plusSeconds(i)).value());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list("limit=2" + (cursor == null ? "" : "&cursor=" + cursor), 200);
            assertThat(page.path("exceptions").size()).isLessThanOrEqualTo(2);
            page.path("exceptions").forEach(e -> seen.add(e.path("orderKey").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 500);

        assertThat(cursor).isNull();
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);
    }

    @Test
    void badFiltersAreProblemsSayingWhy() {
        assertThat(problem(operator().get("/v1/exceptions?type=LOST_PARCEL"), 400).path("detail").asText())
                .isEqualTo("type must be one of MAPPING_FAILED, CONFLICT, ERP_REJECTED");
        assertThat(problem(operator().get("/v1/exceptions?channel=etsy"), 400).path("detail").asText())
                .startsWith("channel must be one of ");
        assertThat(problem(operator().get("/v1/exceptions?olderThan=1h"), 400).path("detail").asText())
                .isEqualTo("olderThan must be an ISO-8601 duration such as PT1H, PT30M or P2D");
        assertThat(problem(operator().get("/v1/exceptions?limit=0"), 400).path("detail").asText())
                .isEqualTo("limit must be between 1 and 100");
        assertThat(problem(operator().get("/v1/exceptions?limit=ten"), 400).path("detail").asText())
                .startsWith("limit must be a whole number");
        JsonNode cursor = problem(operator().get("/v1/exceptions?cursor=not-a-cursor"), 400);
        assertThat(cursor.path("type").asText()).isEqualTo("urn:commerce-sync:problem:invalid-filter");
        assertThat(cursor.path("detail").asText()).startsWith("cursor is not one this listing returned");
    }

    // ---- POST /v1/exceptions/{exceptionId}/retry

    @Test
    void retryingAMappingFailureSendsTheKeptPayloadToMapAgainAuditedAndOnTheTimeline() throws IOException {
        ChannelOrderKey key = new ChannelOrderKey(SalesChannel.SHOPIFY, Long.toString(7_000_000_000L
                + (System.nanoTime() % 1_000_000)));
        String body = "{\"id\":" + key.channelOrderId() + ",\"line_items\":[]}";
        Instant receivedAt = Instant.parse("2026-11-22T08:00:00Z");
        orders.recordMappingFailure(key, "order has no line items", new RawOrderReceived("shopify",
                key.channelOrderId(), receivedAt, "wh-77", "orders/create", "example-shop.myshopify.com", body),
                "corr-map-1", List.of(new TimelineEntry(receivedAt, "MAPPING_FAILED", "corr-map-1", null, "no lines")));
        String exceptionId = orders.find(key).orElseThrow().exceptionId(0).value();
        assertThat(keysOf(listAll("type=MAPPING_FAILED"))).contains(key.value());

        Response response = retry(exceptionId, "{\"reason\": \"mapper now accepts gift-card-only orders\"}");

        response.then().statusCode(202).contentType("application/json");
        JsonNode receipt = JSON.readTree(response.asByteArray());
        assertThat(receipt.path("exceptionId").asText()).isEqualTo(exceptionId);
        assertThat(receipt.path("orderKey").asText()).isEqualTo(key.value());
        assertThat(receipt.path("state").asText()).isEqualTo("RETRIED");
        assertThat(receipt.path("queueUrl").asText()).isEqualTo(intakeQueueUrl);
        String auditId = receipt.path("auditId").asText();

        // The raw-order event, as ingest first sent it, with a new id caused by the audit record.
        List<Message> sent = intakeQueue.drain();
        assertThat(sent).hasSize(1);
        EventEnvelope<RawOrderReceived> event = codec.decode(sent.get(0).body(), SchemaId.RAW_ORDER_V1,
                RawOrderReceived.class);
        assertThat(event.eventId()).isEqualTo(receipt.path("eventId").asText());
        assertThat(event.correlationId()).isEqualTo("corr-map-1");
        assertThat(event.causationId()).isEqualTo(auditId);
        assertThat(event.orderKey()).isEqualTo(key.value());
        assertThat(event.payload()).isEqualTo(new RawOrderReceived("shopify", key.channelOrderId(), receivedAt,
                "wh-77", "orders/create", "example-shop.myshopify.com", body));
        assertThat(attribute(sent.get(0), MessageAttributeNames.CORRELATION_ID)).isEqualTo("corr-map-1");
        String traceparent = attribute(sent.get(0), MessageAttributeNames.TRACEPARENT);
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

        // The order: exception RETRIED by whom and why, a RETRIED step in the same trace, out of the open list.
        OrderRecord after = orders.find(key).orElseThrow();
        assertThat(after.exceptions().get(0)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(ExceptionState.RETRIED);
            assertThat(e.retriedBy()).isEqualTo("local-operator");
            assertThat(e.retryReason()).isEqualTo("mapper now accepts gift-card-only orders");
        });
        TimelineEntry retried = after.timeline().get(after.timeline().size() - 1);
        assertThat(retried.step()).isEqualTo("RETRIED");
        assertThat(retried.correlationId()).isEqualTo("corr-map-1");
        assertThat(retried.detail()).isEqualTo("MAPPING_FAILED exception " + exceptionId
                + " retried by local-operator: mapper now accepts gift-card-only orders");
        assertThat(retried.traceId()).isEqualTo(traceparent.substring(3, 35));
        assertThat(keysOf(listAll("type=MAPPING_FAILED"))).doesNotContain(key.value());

        // The audit record.
        AuditRecord record = audit.recent(100).stream().filter(r -> r.auditId().equals(auditId)).findFirst()
                .orElseThrow();
        assertThat(record.actor()).isEqualTo("local-operator");
        assertThat(record.action()).isEqualTo(AuditRecord.EXCEPTION_RETRY);
        assertThat(record.target()).isEqualTo(exceptionId);
        assertThat(record.subjects()).containsExactly(key.value());
        assertThat(record.reason()).isEqualTo("mapper now accepts gift-card-only orders");
        assertThat(record.dryRun()).isFalse();
        assertThat(record.details()).containsEntry("outcome", "QUEUED").containsEntry("exceptionType", "MAPPING_FAILED")
                .containsEntry("eventId", event.eventId());
    }

    @Test
    void retryingAnErpRejectionPutsTheOrderBackToPendingAndQueuesThePostingAgain() throws IOException {
        String orderId = Long.toString(8_000_000_000L + (System.nanoTime() % 1_000_000));
        ChannelOrderKey key = new ChannelOrderKey(SalesChannel.SHOPIFY, orderId);
        Instant version = Instant.parse("2026-11-23T10:00:00Z");
        CanonicalOrder order = SampleOrders.order(orderId, version, 1);
        String eventKey = key + ":orders/create:" + version;
        orders.accept(key, version, eventKey, "corr-erp-1", JSON.writeValueAsString(order),
                List.of(new TimelineEntry(version, "ACCEPTED", "corr-erp-1", null, "queued for the ERP")));
        long accepted = orders.find(key).orElseThrow().version();
        assertThat(orders.recordErpOutcome(key, accepted, ProcessingState.ERP_REJECTED, null, null,
                new OrderException(Instant.now(), "ERP_REJECTED", "unknown SKU SKU-B", "corr-erp-1"),
                List.of(new TimelineEntry(Instant.now(), "ERP_REJECTED", "corr-erp-1", null, "HTTP 422")))).isTrue();
        String exceptionId = orders.find(key).orElseThrow().exceptionId(0).value();

        JsonNode first = JSON.readTree(retry(exceptionId, "{\"reason\":\"SKU-B created in the ERP\"}")
                .then().statusCode(202).extract().asByteArray());

        OrderRecord pending = orders.find(key).orElseThrow();
        assertThat(pending.status()).isEqualTo(ProcessingState.PENDING_ERP);
        assertThat(pending.version()).isEqualTo(accepted + 2);
        assertThat(pending.exceptions().get(0).state()).isEqualTo(ExceptionState.RETRIED);
        List<Message> postings = postingQueue.drain();
        assertThat(postings).hasSize(1);
        assertThat(first.path("queueUrl").asText()).isEqualTo(postingQueueUrl);
        EventEnvelope<CanonicalOrder> posting = codec.decode(postings.get(0).body(), SchemaId.ORDER_V1,
                CanonicalOrder.class);
        assertThat(posting.payload()).isEqualTo(order);
        assertThat(posting.orderKey()).isEqualTo(key.value());
        assertThat(posting.correlationId()).isEqualTo("corr-erp-1");
        assertThat(posting.causationId()).isEqualTo(first.path("auditId").asText());
        assertThat(posting.idempotencyKey()).isEqualTo(eventKey + "#retry:" + first.path("auditId").asText());
        assertThat(postings.get(0).attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                key.value());

        // A second retry at once (say the first event was lost) is not dropped by the FIFO queue's deduplication,
        // and changes nothing on the order but the note.
        retry(exceptionId, "{\"reason\":\"once more\"}").then().statusCode(202);
        assertThat(postingQueue.drain()).hasSize(1);
        OrderRecord again = orders.find(key).orElseThrow();
        assertThat(again.status()).isEqualTo(ProcessingState.PENDING_ERP);
        assertThat(again.version()).isEqualTo(pending.version());
        assertThat(again.exceptions().get(0).retryReason()).isEqualTo("once more");
    }

    @Test
    void aConflictIsNotRetryable() throws IOException {
        ChannelOrderKey key = open(SalesChannel.EBAY, "CONFLICT", Instant.now());
        String exceptionId = orders.find(key).orElseThrow().exceptionId(0).value();

        JsonNode problem = problem(retry(exceptionId, "{\"reason\":\"try anyway\"}"), 409);

        assertThat(problem.path("type").asText()).isEqualTo("urn:commerce-sync:problem:not-retryable");
        assertThat(problem.path("detail").asText()).startsWith("not retryable: needs a new channel version");
        assertThat(orders.find(key).orElseThrow().exceptions().get(0).state()).isEqualTo(ExceptionState.OPEN);
        assertThat(intakeQueue.receive(1)).isEmpty();
        assertThat(postingQueue.receive(1)).isEmpty();
    }

    @Test
    void unknownExceptionsAreNotFoundAndARetryNeedsAReason() {
        String unknownOrder = new dev.commercesync.pipeline.orderstate.ExceptionId(
                new ChannelOrderKey(SalesChannel.AMAZON, "404-" + UUID.randomUUID()), 1).value();

        assertThat(problem(retry(unknownOrder, "{\"reason\":\"x\"}"), 404).path("type").asText())
                .isEqualTo("urn:commerce-sync:problem:unknown-exception");
        assertThat(problem(retry("not-an-id", "{\"reason\":\"x\"}"), 404).path("detail").asText())
                .isEqualTo("no exception 'not-an-id' is known");
        ChannelOrderKey key = open(SalesChannel.AMAZON, "ERP_REJECTED", Instant.now());
        String beyond = orders.find(key).orElseThrow().exceptionId(0).value().replaceFirst("\\.1$", ".2");
        problem(retry(beyond, "{\"reason\":\"x\"}"), 404);

        String exceptionId = orders.find(key).orElseThrow().exceptionId(0).value();
        assertThat(problem(retry(exceptionId, "{}"), 400).path("detail").asText())
                .isEqualTo("reason is required: say what was fixed, for the audit trail");
        assertThat(problem(retry(exceptionId, "{\"reason\":\"  \"}"), 400).path("type").asText())
                .isEqualTo("urn:commerce-sync:problem:invalid-retry-request");
        assertThat(problem(retry(exceptionId, "reason=x"), 400).path("detail").asText())
                .startsWith("body is not valid JSON");
    }

    // ---- helpers

    static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    private static Response retry(String exceptionId, String body) {
        return operator().contentType("application/json").body(body).post("/v1/exceptions/" + exceptionId + "/retry");
    }

    /** An order with one open exception of {@code type}, raised at {@code at}. */
    private ChannelOrderKey open(SalesChannel channel, String type, Instant at) {
        ChannelOrderKey key = new ChannelOrderKey(channel, "op-" + UUID.randomUUID());
        orders.recordException(key, new OrderException(at, type, type.toLowerCase() + " for the test", "corr-" + key),
                List.of(new TimelineEntry(at, type, "corr-" + key, null, "test")));
        return key;
    }

    private static JsonNode list(String query, int status) {
        Response response = operator().get("/v1/exceptions" + (query.isEmpty() ? "" : "?" + query));
        response.then().statusCode(status).contentType("application/json").header("Cache-Control", "no-store");
        try {
            return JSON.readTree(response.asByteArray());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }

    /** Every page of the listing. */
    private static List<JsonNode> listAll(String query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String q = query + (query.isEmpty() ? "" : "&") + "limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = list(q, 200);
            page.path("exceptions").forEach(all::add);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 100);
        return all;
    }

    private static List<String> keysOf(List<JsonNode> exceptions) {
        return exceptions.stream().map(e -> e.path("orderKey").asText()).toList();
    }

    static JsonNode problem(Response response, int status) {
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

    private static String attribute(Message message, String name) {
        return message.messageAttributes().containsKey(name) ? message.messageAttributes().get(name).stringValue()
                : null;
    }
}
