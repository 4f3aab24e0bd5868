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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API front against a stand-in function that records its event and answers as told: the event API
 * Gateway would send, the response it would make, and what API Gateway answers on its own.
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
        HttpApiFront front = HttpApiFront.start(ORDERS_API, Map.of("IngestFunction", recording), 0,
                integrationTimeout);
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
    void aRequestBecomesAPayloadFormat2Event() throws Exception {
        HttpApiFront front = answering("{\"statusCode\":202,\"body\":\"{}\"}");

        send(front, request(front, "/v1/orders/shop%20ify?expand=lines&expand=tax&note=caf%C3%A9")
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Repeated", "one").header("X-Repeated", "two")
                .header("Cookie", "session=abc; theme=dark")
                .header("User-Agent", "marketplace-webhooks/1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"caf\u00e9\"}")));

        JsonNode event = json.readTree(lastEvent.get());
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("POST /v1/orders/{channel}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/v1/orders/shop%20ify");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("expand=lines&expand=tax&note=caf%C3%A9");
        assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("session=abc", "theme=dark");
        JsonNode headers = event.path("headers");
        assertThat(headers.path("x-shopify-topic").asText()).isEqualTo("orders/create");
        assertThat(headers.path("x-repeated").asText()).isEqualTo("one,two");
        assertThat(headers.path("content-type").asText()).isEqualTo("application/json");
        assertThat(headers.has("cookie")).isFalse();
        assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.path("x-amzn-trace-id").asText()).startsWith("Root=1-");
        assertThat(json.convertValue(event.path("queryStringParameters"), Map.class))
                .isEqualTo(Map.of("expand", "lines,tax", "note", "caf\u00e9"));
        assertThat(json.convertValue(event.path("pathParameters"), Map.class)).isEqualTo(Map.of("channel", "shop ify"));
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("apiId").asText()).isEqualTo("ordershttp");
        assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("domainPrefix").asText()).isEqualTo("127");
        assertThat(context.path("http").path("method").asText()).isEqualTo("POST");
        assertThat(context.path("http").path("path").asText()).isEqualTo("/v1/orders/shop%20ify");
        assertThat(context.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("http").path("userAgent").asText()).isEqualTo("marketplace-webhooks/1.0");
        assertThat(context.path("requestId").asText()).hasSize(16);
        assertThat(context.path("routeKey").asText()).isEqualTo("POST /v1/orders/{channel}");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.path("timeEpoch").asLong()).isPositive();
        assertThat(event.path("body").asText()).isEqualTo("{\"id\":\"caf\u00e9\"}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void aBinaryBodyTravelsBase64Encoded() throws Exception {
        HttpApiFront front = answering("{\"statusCode\":204}");
        byte[] binary = {(byte) 0xff, (byte) 0xd8, 0x00, 0x10, (byte) 0x80};

        HttpResponse<byte[]> response = send(front, request(front, "/v1/orders/amazon")
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(binary)));

        JsonNode event = json.readTree(lastEvent.get());
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(java.util.Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(binary);
        assertThat(event.has("queryStringParameters")).isFalse();
        assertThat(event.has("cookies")).isFalse();
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void theFunctionsStructuredAnswerBecomesTheResponse() throws Exception {
        HttpApiFront front = answering("""
                {"statusCode":201,"headers":{"content-type":"application/problem+json","x-correlation-id":"c-1"},
                 "multiValueHeaders":{"vary":["accept","origin"]},"cookies":["seen=1; Path=/","ab=b"],
                 "body":"eyJvayI6dHJ1ZX0=","isBase64Encoded":true}""");

        HttpResponse<byte[]> response = send(front, request(front, "/v1/orders/ebay/12-3").GET());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("x-correlation-id")).hasValue("c-1");
        assertThat(response.headers().allValues("vary")).containsExactly("accept", "origin");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("seen=1; Path=/", "ab=b");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        assertThat(json.readTree(lastEvent.get()).path("pathParameters").path("channelOrderId").asText())
                .isEqualTo("12-3");
    }

    @Test
    void anAnswerWithoutStatusCodeIsA200WithThatJson() throws Exception {
        HttpApiFront front = answering("{\"orderKey\":\"ebay:1\"}");

        HttpResponse<byte[]> response = send(front, request(front, "/v1/orders/ebay/1").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"orderKey\":\"ebay:1\"}");
    }

    @Test
    void whatApiGatewayAnswersItself() throws Exception {
        List<Invocation> outcomes = List.of(
                new Invocation.FunctionError("r", "java.lang.IllegalStateException", "boom", "{}"),
                new Invocation.Crashed("r", "Runtime exited with error: signal: killed"),
                new Invocation.Timeout("r", Duration.ofSeconds(15)),
                new Invocation.Success("r", "not json"),
                new Invocation.Success("r", "{\"statusCode\":\"teapot\"}"));
        for (Invocation outcome : outcomes) {
            HttpApiFront front = front(p -> CompletableFuture.completedFuture(outcome),
                    HttpApiFront.INTEGRATION_TIMEOUT);
            HttpResponse<byte[]> response = send(front, request(front, "/v1/orders/ebay").POST(
                    HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(response.statusCode()).as(outcome.toString()).isEqualTo(500);
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"message\":\"Internal Server Error\"}");
        }

        HttpApiFront silent = front(p -> new CompletableFuture<>(), Duration.ofMillis(300));
        HttpResponse<byte[]> unavailable = send(silent, request(silent, "/v1/orders/ebay").POST(
                HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(new String(unavailable.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Service Unavailable\"}");

        HttpResponse<byte[]> noRoute = send(silent, request(silent, "/v2/orders").GET());
        HttpResponse<byte[]> noMethod = send(silent, request(silent, "/v1/orders/ebay").DELETE());
        for (HttpResponse<byte[]> notFound : List.of(noRoute, noMethod)) {
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(notFound.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(new String(notFound.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }

    @Test
    void otherHandlersCanBeMountedBesideTheApi() throws Exception {
        HttpApiFront front = answering("{\"statusCode\":200,\"body\":\"api\"}");
        front.mount("/status", exchange -> {
            byte[] body = ("status:" + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        assertThat(new String(send(front, request(front, "/status/functions").GET()).body(), StandardCharsets.UTF_8))
                .isEqualTo("status:/status/functions");
        assertThat(send(front, request(front, "/statusx").GET()).statusCode()).isEqualTo(404);
        assertThat(new String(send(front, request(front, "/v1/orders/ebay/7").GET()).body(), StandardCharsets.UTF_8))
                .isEqualTo("api");
        assertThatThrownBy(() -> front.mount("/v1", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/v1/orders/{channel}");
        assertThatThrownBy(() -> front.mount("/status", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class);
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
