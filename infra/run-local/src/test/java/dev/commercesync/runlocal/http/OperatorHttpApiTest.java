package dev.commercesync.runlocal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.runlocal.lambda.LocalFunction;
import dev.commercesync.runlocal.lambda.SharedTestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator API's own {@code function.zip} behind the HTTP API front, on the emulators: the template routes
 * order lookups and exception routes to OperatorApiFunction. (The retry paths are tested in functions/operator-api.)
 */
class OperatorHttpApiTest {

    private static SharedTestStack shared;
    private static HttpApiFront front;
    private static LocalFunction operatorApi;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeAll
    static void startFront() {
        shared = SharedTestStack.get();
        operatorApi = shared.function("OperatorApiFunction");
        HttpApiDefinition api = HttpApiDefinition.fromTemplate(shared.stack().template(), "OrdersHttpApi");
        front = HttpApiFront.start(api, RouteFunctions.only(api, Map.of("OperatorApiFunction", operatorApi)), 0);
    }

    @AfterAll
    static void stopFront() {
        if (front != null) {
            front.close();
        }
    }

    @Test
    void anUnknownOrderIsAProblemDocumentFromTheOperatorApi() throws Exception {
        HttpResponse<String> response = get("/v1/orders/shopify/unknown");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unknown-order");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
    }

    @Test
    void openExceptionsAreListedAndAnUnknownOneIsNotRetried() throws Exception {
        HttpResponse<String> list = get("/v1/exceptions?olderThan=PT1H&limit=10");

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(json.readTree(list.body()).path("exceptions").isArray()).isTrue();
        HttpResponse<String> retry = http.send(HttpRequest.newBuilder(
                        URI.create(front.baseUri() + "/v1/exceptions/c2hvcGlmeTp1bmtub3du.1/retry"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(404);
        assertThat(json.readTree(retry.body()).path("type").asText())
                .isEqualTo("urn:commerce-sync:problem:unknown-exception");
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(front.baseUri() + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
