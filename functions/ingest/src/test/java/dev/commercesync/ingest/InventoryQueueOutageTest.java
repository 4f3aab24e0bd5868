package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LocalHttpApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When SQS does not take stock figures or a listing change, the caller must hear 503 and what to send again. The
 * failure is real — ElasticMQ answers a queue that does not exist with QueueDoesNotExist — not a mock.
 */
@QuarkusTest
@TestProfile(InventoryQueueOutageTest.InventoryQueueMissing.class)
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(LocalHttpApi.class)
class InventoryQueueOutageTest {

    public static class InventoryQueueMissing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("commerce.queues.inventory", "${INVENTORY_QUEUE_URL}-deleted.fifo");
        }
    }

    @Test
    void figuresTheQueueDidNotTakeAreNamedByIndex() {
        String body = "[{\"sku\":\"S-1\",\"onHand\":1,\"sequence\":1,\"source\":\"erp\"},"
                + "{\"sku\":\"S-2\",\"onHand\":2,\"sequence\":1,\"source\":\"erp\"}]";

        JsonNode problem = InventoryApiTest.problem(given().contentType("application/json").body(body)
                .post("/v1/inventory-events").then().header("Retry-After", "30").extract().response(), 503);

        assertThat(problem.path("type").asText()).isEqualTo("urn:commerce-sync:problem:temporarily-unavailable");
        assertThat(problem.path("detail").asText()).startsWith("2 of 2 stock events were not queued");
        assertThat(problem.path("errors")).map(e -> e.path("index").asInt() + " " + e.path("pointer").asText())
                .containsExactly("0 /0", "1 /1");
    }

    @Test
    void listingsStoredButNotAnnouncedAreReportedSoAndKept() {
        String sku = "SKU-" + UUID.randomUUID();
        String body = "{\"listings\":[{\"channel\":\"ebay\",\"account\":\"acme-outlet\"}]}";

        JsonNode problem = InventoryApiTest.problem(given().contentType("application/json").body(body)
                .put("/v1/listings/" + sku).then().header("ETag", "\"1\"").extract().response(), 503);

        assertThat(problem.path("detail").asText()).startsWith("the listings are stored as version 1 but not yet"
                + " applied to the channels");
        given().get("/v1/listings/" + sku).then().statusCode(200).header("ETag", "\"1\"");
    }
}
