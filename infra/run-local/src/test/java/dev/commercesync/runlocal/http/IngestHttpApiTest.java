package dev.commercesync.runlocal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.runlocal.lambda.LocalFunction;
import dev.commercesync.runlocal.lambda.SharedTestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.sqs.model.Message;

/** The ingest function's own {@code function.zip} behind the HTTP API front, on the emulators. */
class IngestHttpApiTest {

    private static final Path EBAY_ORDER = Path.of("functions", "ingest", "src", "test", "resources", "ebay",
            "order-gb-one-line.json");
    private static SharedTestStack shared;
    private static HttpApiFront front;
    private static LocalFunction ingest;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeAll
    static void startFront() {
        shared = SharedTestStack.get();
        ingest = shared.function("IngestFunction");
        HttpApiDefinition api = HttpApiDefinition.fromTemplate(shared.stack().template(), "OrdersHttpApi");
        front = HttpApiFront.start(api, RouteFunctions.only(api, Map.of("IngestFunction", ingest)), 0);
    }

    @AfterAll
    static void stopFront() {
        if (front != null) {
            front.close();
        }
        if (ingest != null) {
            System.getLogger(IngestHttpApiTest.class.getName()).log(System.Logger.Level.INFO,
                    "IngestFunction cold starts: {0}", ingest.coldStarts());
        }
    }

    @Test
    void anUnknownChannelIsAProblemDocumentFromTheFunction() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(front.baseUri() + "/v1/orders/etsy")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("type").asText()).isEqualTo("urn:commerce-sync:problem:unknown-channel");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
    }

    @Test
    void anAcceptedOrderIsOnTheIntakeQueue() throws Exception {
        Path fixture = RepositoryRoot.locate().resolve(EBAY_ORDER);
        Assumptions.assumeTrue(Files.isRegularFile(fixture), () -> "no ingest fixture at " + fixture);
        String intakeUrl = shared.stack().queueUrl("OrderIntakeQueue");
        shared.sqs().purgeQueue(b -> b.queueUrl(intakeUrl));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(front.baseUri() + "/v1/orders/ebay")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(fixture)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String orderKey = json.readTree(response.body()).path("orderKey").asText();
        assertThat(orderKey).startsWith("ebay:");
        List<Message> queued = shared.sqs().receiveMessage(b -> b.queueUrl(intakeUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(2)).messages();
        assertThat(queued).singleElement().satisfies(m -> assertThat(m.body()).contains(orderKey));
        shared.sqs().purgeQueue(b -> b.queueUrl(intakeUrl));
    }
}
