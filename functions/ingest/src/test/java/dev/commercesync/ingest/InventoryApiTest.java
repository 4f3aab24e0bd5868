package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.ListingRule;
import dev.commercesync.model.inventory.ListingsChanged;
import dev.commercesync.model.inventory.StockEvent;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LocalHttpApi;
import dev.commercesync.pipeline.testing.QueueProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
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
 * The inventory and listings API end to end on real infrastructure: requests go through {@link LocalHttpApi} into the
 * Lambda handler, stock figures and listing changes land on the FIFO inventory queue in ElasticMQ, listings are stored
 * in DynamoDB Local. Each test starts with an empty inventory queue and uses its own SKUs.
 */
@QuarkusTest
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(LocalHttpApi.class)
class InventoryApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = CommerceJson.newMapper();
    private static final EventCodec CODEC = new EventCodec();

    @Inject
    SqsClient sqs;
    @ConfigProperty(name = "commerce.queues.inventory")
    String inventoryQueueUrl;

    private QueueProbe inventoryQueue;

    @BeforeEach
    void emptyInventoryQueue() {
        sqs.purgeQueue(b -> b.queueUrl(inventoryQueueUrl));
        inventoryQueue = new QueueProbe(sqs, inventoryQueueUrl);
    }

    // ---- POST /v1/inventory-events

    @Test
    void anArrayOfFiguresIsQueuedInOrderGroupedBySku() throws IOException {
        String skuA = newSku();
        String skuB = newSku();
        byte[] body = fixtureText("inventory/stock-events-erp-batch.json").replace("@SKU_A@", skuA)
                .replace("@SKU_B@", skuB).getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now();

        Response response = json(body).header(CorrelationIds.HEADER, "erp-relay-7").post("/v1/inventory-events");

        response.then().statusCode(202).contentType("application/json");
        assertThat(response.jsonPath().getInt("accepted")).isEqualTo(3);
        List<String> eventIds = response.jsonPath().getList("eventIds", String.class);
        assertThat(eventIds).hasSize(3).doesNotHaveDuplicates();

        List<Message> messages = receiveAll(3);
        assertThat(messages).extracting(m -> CODEC.decode(m.body(), SchemaId.STOCK_V1, StockEvent.class).eventId())
                .containsExactlyInAnyOrderElementsOf(eventIds);
        for (Message message : messages) {
            EventEnvelope<StockEvent> event = CODEC.decode(message.body(), SchemaId.STOCK_V1, StockEvent.class);
            assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .isEqualTo("sku:" + event.payload().sku());
            assertThat(event.correlationId()).isEqualTo("erp-relay-7");
            assertThat(event.causationId()).isNull();
            assertThat(event.channel()).isNull();
            assertThat(event.orderKey()).isNull();
            assertThat(event.trail()).isEmpty();
            assertThat(event.idempotencyKey()).isEqualTo(event.payload().idempotencyKey());
            assertThat(event.occurredAt()).isBetween(before, Instant.now());
            assertThat(attribute(message, MessageAttributeNames.CORRELATION_ID)).isEqualTo("erp-relay-7");
            assertThat(attribute(message, MessageAttributeNames.SCHEMA)).isEqualTo(SchemaId.STOCK_V1);
            assertThat(attribute(message, MessageAttributeNames.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
        // Within the SKU's group, in the order sent.
        assertThat(messages).map(m -> CODEC.decode(m.body(), SchemaId.STOCK_V1, StockEvent.class).payload())
                .filteredOn(e -> e.sku().equals(skuA))
                .containsExactly(
                        new StockEvent(skuA, "wh-1", 42, 2, null, Instant.parse("2026-11-25T12:00:00Z"), "erp"),
                        new StockEvent(skuA, "wh-1", 40, 2, null, Instant.parse("2026-11-25T12:00:30Z"), "erp"));
    }

    @Test
    void aFigureWithOnlyASequenceIsDatedByItsArrival() {
        String sku = newSku();
        Instant before = Instant.now();

        json("{\"sku\":\"" + sku + "\",\"onHand\":7,\"sequence\":1018,\"source\":\"wms-east\"}")
                .post("/v1/inventory-events").then().statusCode(202);

        EventEnvelope<StockEvent> event = CODEC.decode(receiveAll(1).get(0).body(), SchemaId.STOCK_V1,
                StockEvent.class);
        StockEvent stock = event.payload();
        assertThat(stock.asOf()).isEqualTo(event.occurredAt()).isBetween(before, Instant.now());
        assertThat(stock).isEqualTo(new StockEvent(sku, "default", 7, 0, 1018L, stock.asOf(), "wms-east"));
        assertThat(event.idempotencyKey()).isEqualTo("stock:wms-east:" + sku + ":default:seq-1018");
    }

    @Test
    void invalidFiguresAreNamedByIndexAndFieldAndNothingIsQueued() throws IOException {
        String sku = newSku();
        String body = "["
                + "{\"sku\":\"" + sku + "\",\"onHand\":1,\"sequence\":1,\"source\":\"erp\"},"
                + "{\"onHand\":1,\"sequence\":2,\"source\":\"erp\"},"
                + "{\"sku\":\"" + sku + "\",\"onHand\":\"ten\",\"sequence\":3,\"source\":\"erp\"},"
                + "{\"sku\":\"" + sku + "\",\"onHand\":4.5,\"sequence\":4,\"source\":\"erp\"},"
                + "{\"sku\":\"" + sku + "\",\"onHand\":1,\"source\":\"erp\"},"
                + "{\"sku\":\"" + sku + "\",\"sequence\":6,\"source\":\"erp\"},"
                + "{\"sku\":\"" + sku + "\",\"onHand\":1,\"reserved\":-2,\"asOf\":\"yesterday\",\"source\":\"erp\"},"
                + "{\"sku\":\"" + sku + "\",\"onHand\":1,\"reserved\":-2,\"sequence\":8}"
                + "]";

        JsonNode problem = problem(json(body).post("/v1/inventory-events"), 400);

        assertThat(problem.path("type").asText()).isEqualTo("urn:commerce-sync:problem:invalid-stock-events");
        assertThat(problem.path("errors")).map(e -> e.path("index").asInt() + " " + e.path("pointer").asText()
                + " " + e.path("detail").asText()).containsExactly(
                "1 /1/sku sku is required",
                "2 /2/onHand onHand must be a whole number",
                "3 /3/onHand onHand must be a whole number",
                "4 /4 sequence or asOf is required, so that older figures can be told from newer ones",
                "5 /5/onHand onHand is required",
                "6 /6/asOf asOf must be an ISO-8601 instant such as 2026-11-25T12:00:00Z",
                "7 /7/reserved reserved must not be negative",
                "7 /7/source source is required");
        assertNothingQueued();
    }

    @Test
    void aSingleInvalidFigureIsPointedAtWithoutAnIndexPrefix() {
        JsonNode problem = problem(json("{\"sku\":\"\",\"onHand\":1,\"sequence\":1,\"source\":\"erp\"}")
                .post("/v1/inventory-events"), 400);

        assertThat(problem.path("errors").get(0).path("index").asInt()).isZero();
        assertThat(problem.path("errors").get(0).path("pointer").asText()).isEqualTo("/sku");
    }

    @Test
    void bodiesThatAreNotBatchesOfFiguresAreRefused() {
        JsonNode notJson = problem(json("[{\"sku\":").post("/v1/inventory-events"), 400);
        JsonNode empty = problem(json("[]").post("/v1/inventory-events"), 400);
        JsonNode scalar = problem(json("42").post("/v1/inventory-events"), 400);
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= StockIntake.MAX_EVENTS; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"sku\":\"S\",\"onHand\":1,\"sequence\":").append(i)
                    .append(",\"source\":\"erp\"}");
        }
        JsonNode overLimit = problem(json(tooMany.append("]").toString()).post("/v1/inventory-events"), 413);
        JsonNode tooBig = problem(json("[" + "{}, ".repeat(70_000) + "{}]").post("/v1/inventory-events"), 413);

        assertThat(notJson.path("type").asText()).isEqualTo("urn:commerce-sync:problem:malformed-stock-events");
        assertThat(notJson.path("detail").asText()).startsWith("body is not valid JSON");
        assertThat(empty.path("detail").asText()).startsWith("the array holds no stock events");
        assertThat(scalar.path("detail").asText()).startsWith("body must be a stock event object or an array");
        assertThat(overLimit.path("detail").asText()).isEqualTo("501 stock events in one request; send at most 500");
        assertThat(tooBig.path("type").asText()).isEqualTo("urn:commerce-sync:problem:stock-events-too-large");
        assertNothingQueued();
    }

    // ---- PUT and GET /v1/listings/{sku}

    @Test
    void listingsPutAreServedBackWithTheirVersionAsETagAndPublishInventoryIsTold() throws IOException {
        String sku = newSku();
        Instant before = Instant.now();

        Response put = json(fixture("inventory/listings-three-channels.json"))
                .header(CorrelationIds.HEADER, "listing-tool-1").put("/v1/listings/" + sku);

        put.then().statusCode(200).contentType("application/json").header("ETag", "\"1\"");
        JsonNode stored = JSON.readTree(put.asByteArray());
        assertThat(stored.path("sku").asText()).isEqualTo(sku);
        assertThat(stored.path("version").asLong()).isEqualTo(1);
        assertThat(stored.path("listings")).hasSize(3);
        JsonNode shopify = stored.path("listings").get(0);
        assertThat(shopify.path("channel").asText()).isEqualTo("shopify");
        assertThat(shopify.path("inventoryItemId").asText()).isEqualTo("gid://shopify/InventoryItem/30322695");
        assertThat(shopify.path("rule").path("allocationPercent").asInt()).isEqualTo(80);
        JsonNode amazon = stored.path("listings").get(1);
        assertThat(amazon.path("marketplaceIds")).hasSize(2);
        assertThat(JSON.treeToValue(amazon.path("rule"), ListingRule.class)).isEqualTo(ListingRule.ALL);
        // A rule sent in part keeps the defaults for the rest: 100 %, not 0 %.
        assertThat(JSON.treeToValue(stored.path("listings").get(2).path("rule"), ListingRule.class))
                .isEqualTo(new ListingRule(1, 100, null));

        Response get = given().get("/v1/listings/" + sku);
        get.then().statusCode(200).contentType("application/json").header("ETag", "\"1\"");
        assertThat(JSON.readTree(get.asByteArray())).isEqualTo(stored);

        Message message = receiveAll(1).get(0);
        EventEnvelope<ListingsChanged> event = CODEC.decode(message.body(), SchemaId.LISTINGS_CHANGED_V1,
                ListingsChanged.class);
        assertThat(event.payload().sku()).isEqualTo(sku);
        assertThat(event.payload().version()).isEqualTo(1);
        assertThat(event.payload().changedAt()).isBetween(before, Instant.now())
                .isEqualTo(Instant.parse(stored.path("updatedAt").asText()));
        assertThat(event.idempotencyKey()).isEqualTo("listings:" + sku + ":1");
        assertThat(event.correlationId()).isEqualTo("listing-tool-1");
        assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("sku:" + sku);
        assertThat(attribute(message, MessageAttributeNames.SCHEMA)).isEqualTo(SchemaId.LISTINGS_CHANGED_V1);
    }

    @Test
    void ifMatchReplacesOnlyTheVersionTheCallerRead() throws IOException {
        String sku = newSku();
        byte[] body = fixture("inventory/listings-three-channels.json");
        json(body).put("/v1/listings/" + sku).then().statusCode(200).header("ETag", "\"1\"");
        json(body).header("If-Match", "\"1\"").put("/v1/listings/" + sku).then().statusCode(200)
                .header("ETag", "\"2\"");

        JsonNode stale = problem(json("{\"listings\":[]}").header("If-Match", "\"1\"").put("/v1/listings/" + sku), 412);
        JsonNode notNew = problem(json(body).header("If-Match", "\"0\"").put("/v1/listings/" + sku), 412);
        JsonNode unknown = problem(json(body).header("If-Match", "*").put("/v1/listings/" + newSku()), 412);
        JsonNode garbled = problem(json(body).header("If-Match", "W/\"2\"").put("/v1/listings/" + sku), 400);

        assertThat(stale.path("type").asText()).isEqualTo("urn:commerce-sync:problem:version-conflict");
        assertThat(stale.path("detail").asText()).contains("at version 2").contains("If-Match: \"2\"");
        assertThat(notNew.path("detail").asText()).contains("at version 2");
        assertThat(unknown.path("detail").asText()).contains("has no listings yet");
        assertThat(garbled.path("detail").asText()).startsWith("If-Match must be the ETag of a version");
        given().get("/v1/listings/" + sku).then().statusCode(200).header("ETag", "\"2\"");
        assertThat(receiveAll(3)).hasSize(2); // one ListingsChanged per stored version, none for refusals
    }

    @Test
    void invalidListingsAreRefusedWithWhereAndWhyAndNothingIsStored() {
        String sku = newSku();
        String badGidAndPercent = "{\"listings\":["
                + "{\"channel\":\"shopify\",\"account\":\"acme.myshopify.com\",\"inventoryItemId\":\"30322695\","
                + "\"locationId\":\"gid://shopify/Location/655441491\"},"
                + "{\"channel\":\"ebay\",\"account\":\"acme-outlet\",\"rule\":{\"allocationPercent\":150}},"
                + "{\"channel\":\"etsy\",\"account\":\"acme\"},"
                + "{\"channel\":\"amazon\",\"account\":\"A2EUQ1WTGCTBG2\",\"marketplaceIds\":\"A1PA6795UKMFR9\"}"
                + "]}";
        String duplicate = "{\"listings\":["
                + "{\"channel\":\"amazon\",\"account\":\"A2EUQ1WTGCTBG2\",\"marketplaceIds\":[\"A1PA6795UKMFR9\"]},"
                + "{\"channel\":\"ebay\",\"account\":\"acme-outlet\"},"
                + "{\"channel\":\"amazon\",\"account\":\"A2EUQ1WTGCTBG2\",\"marketplaceIds\":[\"A1RKKUPIHCS9HS\"]}"
                + "]}";

        JsonNode invalid = problem(json(badGidAndPercent).put("/v1/listings/" + sku), 400);
        JsonNode twice = problem(json(duplicate).put("/v1/listings/" + sku), 400);
        JsonNode noArray = problem(json("{\"listing\":[]}").put("/v1/listings/" + sku), 400);

        assertThat(invalid.path("type").asText()).isEqualTo("urn:commerce-sync:problem:invalid-listings");
        assertThat(invalid.path("errors")).map(e -> e.path("pointer").asText() + " " + e.path("detail").asText())
                .containsExactly(
                        "/listings/0/inventoryItemId shopify listing: inventoryItemId must be a"
                                + " gid://shopify/InventoryItem/<id>",
                        "/listings/1/rule/allocationPercent ebay listing: allocationPercent must be between 0 and 100",
                        "/listings/2/channel unknown channel 'etsy'; known channels: shopify, amazon, ebay",
                        "/listings/3/marketplaceIds marketplaceIds must be an array");
        assertThat(invalid.path("errors").get(0).has("index")).isFalse();
        assertThat(twice.path("errors")).map(e -> e.path("pointer").asText() + " " + e.path("detail").asText())
                .containsExactly("/listings/2 amazon listing amazon#A2EUQ1WTGCTBG2#" + sku
                        + " appears twice (first at /listings/0)");
        assertThat(noArray.path("type").asText()).isEqualTo("urn:commerce-sync:problem:malformed-listings");
        problem(given().get("/v1/listings/" + sku), 404);
        assertNothingQueued();
    }

    @Test
    void aSkuWithoutListingsIsNotFound() {
        String sku = newSku();

        JsonNode problem = problem(given().get("/v1/listings/" + sku), 404);

        assertThat(problem.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unknown-sku");
        assertThat(problem.path("detail").asText()).isEqualTo("no listings are stored for SKU '" + sku + "'");
        assertThat(problem.path("instance").asText()).isEqualTo("/v1/listings/" + sku);
    }

    // ---- helpers

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static io.restassured.specification.RequestSpecification json(byte[] body) {
        return given().contentType("application/json").body(body);
    }

    private static io.restassured.specification.RequestSpecification json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Receives and deletes until {@code expected} arrived or the queue stays empty (FIFO hands out a group's next
     * message only once the one before it is deleted). */
    private List<Message> receiveAll(int expected) {
        List<Message> all = new java.util.ArrayList<>();
        for (int round = 0; round < 10 && all.size() < expected; round++) {
            all.addAll(inventoryQueue.drain());
        }
        return all;
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

    private void assertNothingQueued() {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(inventoryQueueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(counts).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    private static String attribute(Message message, String name) {
        return message.messageAttributes().containsKey(name) ? message.messageAttributes().get(name).stringValue() : null;
    }

    private static String fixtureText(String path) throws IOException {
        return new String(fixture(path), StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = InventoryApiTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        }
    }
}
