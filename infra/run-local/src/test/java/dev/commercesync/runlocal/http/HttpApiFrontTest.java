package dev.commercesync.runlocal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.Invocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API front against a stand-in function that records its event and answers as told: the template's routes,
 * and what API Gateway makes of each way an invocation ends. The event and response themselves are local-stack's
 * (HttpApiServerTest).
 */
class HttpApiFrontTest {

    private static final HttpApiDefinition ORDERS_API = HttpApiDefinition.fromTemplate(
            SamTemplate.read(RepositoryRoot.template(RepositoryRoot.locate())), "OrdersHttpApi");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private final AtomicReference<String> lastEvent = new AtomicReference<>();
    private final List<HttpApiFront> fronts = new ArrayList<>();

    @AfterEach
    void stop() {
        fronts.forEach(HttpApiFront::close);
    }

    private HttpApiFront front(FunctionInvoker ingest, Duration integrationTimeout) {
        FunctionInvoker recording = payload -> {
            lastEvent.set(payload);
            return ingest.invoke(payload);
        };
        // Every function the routes name (IngestFunction, OperatorApiFunction) answers through the same recorder.
        Map<String, FunctionInvoker> functions = new HashMap<>();
        ORDERS_API.routes().forEach(route -> functions.put(route.functionLogicalId(), recording));
        HttpApiFront front = HttpApiFront.start(ORDERS_API, functions, 0, integrationTimeout);
        fronts.add(front);
        return front;
    }

    private HttpApiFront answering(String payload) {
        return front(p -> CompletableFuture.completedFuture(new Invocation.Success("r-1", payload)),
                HttpApiFront.INTEGRATION_TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpApiFront front, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(HttpApiFront front, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(front.baseUri() + pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    @Test
    void aRequestReachesTheFunctionOfItsTemplateRoute() throws Exception {
        HttpApiFront front = answering("{\"statusCode\":202,\"body\":\"{}\"}");

        HttpResponse<byte[]> accepted = send(front, request(front, "/v1/orders/shop%20ify?expand=lines")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"caf\u00e9\"}")));

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode event = json.readTree(lastEvent.get());
        assertThat(event.path("routeKey").asText()).isEqualTo("POST /v1/orders/{channel}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/v1/orders/shop%20ify");
        assertThat(json.convertValue(event.path("pathParameters"), Map.class)).isEqualTo(Map.of("channel", "shop ify"));
        JsonNode context = event.path("requestContext");
        assertThat(context.path("apiId").asText()).isEqualTo("ordershttp");
        assertThat(context.path("routeKey").asText()).isEqualTo("POST /v1/orders/{channel}");
        assertThat(event.path("body").asText()).isEqualTo("{\"id\":\"caf\u00e9\"}");

        send(front, request(front, "/v1/orders/ebay/12-3").GET());

        JsonNode lookup = json.readTree(lastEvent.get());
        assertThat(lookup.path("routeKey").asText()).isEqualTo("GET /v1/orders/{channel}/{channelOrderId}");
        assertThat(json.convertValue(lookup.path("pathParameters"), Map.class))
                .isEqualTo(Map.of("channel", "ebay", "channelOrderId", "12-3"));
    }

    @Test
    void whatApiGatewayAnswersItself() throws Exception {
        List<Invocation> outcomes = List.of(
                new Invocation.FunctionError("r", "java.lang.IllegalStateException", "boom", "{}"),
                new Invocation.Crashed("r", "Runtime exited with error: signal: killed"),
                new Invocation.Timeout("r", Duration.ofSeconds(15)),
                new Invocation.Success("r", "not json"));
        for (Invocation outcome : outcomes) {
            HttpApiFront front = front(p -> CompletableFuture.completedFuture(outcome),
                    HttpApiFront.INTEGRATION_TIMEOUT);
            HttpResponse<byte[]> response = send(front, request(front, "/v1/orders/ebay").POST(
                    HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(response.statusCode()).as(outcome.toString()).isEqualTo(500);
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"message\":\"Internal Server Error\"}");
        }

        HttpApiFront closed = front(p -> CompletableFuture.failedFuture(
                new IllegalStateException("IngestFunction is closed")), HttpApiFront.INTEGRATION_TIMEOUT);
        assertThat(send(closed, request(closed, "/v1/orders/ebay").POST(HttpRequest.BodyPublishers.ofString("{}")))
                .statusCode()).as("could not be invoked").isEqualTo(500);

        CompletableFuture<Invocation> neverRun = new CompletableFuture<>();
        HttpApiFront silent = front(p -> neverRun, Duration.ofMillis(300));
        HttpResponse<byte[]> unavailable = send(silent, request(silent, "/v1/orders/ebay").POST(
                HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(new String(unavailable.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(neverRun).as("withdrawn from the function once API Gateway stops waiting").isCancelled();

        HttpResponse<byte[]> noRoute = send(silent, request(silent, "/v2/orders").GET());
        HttpResponse<byte[]> noMethod = send(silent, request(silent, "/v1/orders/ebay").DELETE());
        for (HttpResponse<byte[]> notFound : List.of(noRoute, noMethod)) {
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(notFound.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(new String(notFound.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }

    @Test
    void otherHandlersCanBeMountedBesideTheApiButNotOverItsRoutes() throws Exception {
        HttpApiFront front = answering("{\"statusCode\":200,\"body\":\"api\"}");
        front.mount("/status", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });

        assertThat(send(front, request(front, "/status").GET()).statusCode()).isEqualTo(204);
        assertThat(new String(send(front, request(front, "/v1/orders/ebay/7").GET()).body(), StandardCharsets.UTF_8))
                .isEqualTo("api");
        assertThatThrownBy(() -> front.mount("/v1", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/v1/orders/{channel}");
        assertThatThrownBy(() -> front.mount("/v1/orders/ebay", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/v1/orders/{channel}");
        assertThat(front.describe()).containsExactly("POST /v1/orders/{channel} -> IngestFunction",
                "POST /v1/inventory-events -> IngestFunction", "PUT /v1/listings/{sku} -> IngestFunction",
                "GET /v1/listings/{sku} -> IngestFunction",
                "GET /v1/orders/{channel}/{channelOrderId} -> OperatorApiFunction",
                "GET /v1/exceptions -> OperatorApiFunction",
                "POST /v1/exceptions/{exceptionId}/retry -> OperatorApiFunction", "/status (mounted)");
    }

    @Test
    void theMostSpecificRouteWins() {
        HttpApiDefinition api = new HttpApiDefinition("Api", "api0000000", List.of(
                new HttpRoute("ANY", "/$default", "Fallback"),
                new HttpRoute("GET", "/files/{path+}", "Files"),
                new HttpRoute("ANY", "/files/{name}", "AnyFile"),
                new HttpRoute("GET", "/files/{name}", "GetFile"),
                new HttpRoute("GET", "/files/readme", "Readme")));

        assertThat(api.route("GET", "/files/readme").orElseThrow().route().functionLogicalId()).isEqualTo("Readme");
        assertThat(api.route("GET", "/files/a.txt").orElseThrow().route().functionLogicalId()).isEqualTo("GetFile");
        assertThat(api.route("PUT", "/files/a.txt").orElseThrow().route().functionLogicalId()).isEqualTo("AnyFile");
        assertThat(api.route("GET", "/files/a/b%2Fc").orElseThrow().pathParameters())
                .isEqualTo(Map.of("path", "a/b/c"));
        assertThat(api.route("POST", "/elsewhere").orElseThrow().route().routeKey()).isEqualTo("$default");
        assertThat(ORDERS_API.route("GET", "/v1/orders/shopify").isPresent()).isFalse();
    }
}
