package dev.commercesync.ingest;

import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LocalHttpApi;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * When SQS does not take the order, the marketplace must hear 503 and retry: a 202 would lose it. The failure is
 * real — ElasticMQ answers SendMessage to a queue that does not exist with QueueDoesNotExist — not a mock.
 */
@QuarkusTest
@TestProfile(IntakeQueueOutageTest.IntakeQueueMissing.class)
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(LocalHttpApi.class)
class IntakeQueueOutageTest {

    public static class IntakeQueueMissing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("commerce.queues.intake", "${INTAKE_QUEUE_URL}-deleted");
        }
    }

    @ConfigProperty(name = "commerce.ingest.shopify-webhook-secret")
    String shopifySecret;

    @Test
    void queueFailureAnswers503WithRetryAfter() {
        byte[] body = "{\"id\":450789469,\"email\":\"jon@example.com\"}".getBytes(StandardCharsets.UTF_8);

        Response response = given().contentType("application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Hmac-Sha256", new ShopifyWebhookSignature(shopifySecret).sign(body))
                .header(CorrelationIds.HEADER, "outage-1")
                .body(body)
                .post("/v1/orders/shopify");

        response.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .header(CorrelationIds.HEADER, "outage-1")
                .body("type", equalTo("urn:commerce-sync:problem:temporarily-unavailable"))
                .body("status", equalTo(503))
                .body("detail", equalTo("the order could not be queued; retry later"))
                .body("correlationId", equalTo("outage-1"));
        assertThat(response.asString()).doesNotContain("jon@example.com");
    }
}
