package dev.commercesync.localstack.httpapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API against a stand-in function that records its event and answers as told: the event API Gateway would
 * send, the response it would make, and what API Gateway answers on its own. Routing is a stand-in too: requests
 * under {@code /v1/} take the route the test names, anything else has none.
 */
class HttpApiServerTest {

    private static final RouteMatch ORDERS_BY_CHANNEL = new RouteMatch("POST /v1/orders/{channel}",
            Map.of("channel", "shop ify"), "IngestFunction");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private final AtomicReference<String> lastEvent = new AtomicReference<>();
    private final AtomicInteger invocations = new AtomicInteger();
    private final List<HttpApiServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(HttpApiServer::close);
    }

    private HttpApiServer api(LambdaIntegration function, Duration integrationTimeout) {
        Router router = new Router() {
            @Override
            public Optional<RouteMatch> route(String method, String rawPath) {
                return rawPath.startsWith("/v1/") ? Optional.of(ORDERS_BY_CHANNEL) : Optional.empty();
            }

            @Override
            public Optional<String> routeUnder(String pathPrefix) {
                return "/v1".equals(pathPrefix) ? Optional.of(ORDERS_BY_CHANNEL.routeKey()) : Optional.empty();
            }
        };
        HttpApiServer api = HttpApiServer.start("ordershttp", router, (functionLogicalId, event) -> {
            assertThat(functionLogicalId).isEqualTo("IngestFunction");
            lastEvent.set(event);
            invocations.incrementAndGet();
            return function.invoke(functionLogicalId, event);
        }, 0, integrationTimeout);
        servers.add(api);
        return api;
    }

    private HttpApiServer answering(String payload) {
        return api((function, event) -> CompletableFuture.completedFuture(payload), HttpApiServer.INTEGRATION_TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(HttpApiServer api, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api.baseUri() + pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        HttpApiServer api = answering("{}");

        assertThat(api.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(InetAddress.getByName(api.baseUri().getHost()).isLoopbackAddress()).isTrue();
    }

    @Test
    void aRequestBecomesAPayloadFormat2Event() throws Exception {
        HttpApiServer api = answering("{\"statusCode\":202,\"body\":\"{}\"}");

        send(request(api, "/v1/orders/shop%20ify?expand=lines&expand=tax&note=caf%C3%A9")
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
        HttpApiServer api = answering("{\"statusCode\":204}");
        byte[] binary = {(byte) 0xff, (byte) 0xd8, 0x00, 0x10, (byte) 0x80};

        HttpResponse<byte[]> response = send(request(api, "/v1/orders/amazon")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)));

        JsonNode event = json.readTree(lastEvent.get());
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(binary);
        assertThat(event.has("queryStringParameters")).isFalse();
        assertThat(event.has("cookies")).isFalse();
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void theFunctionsStructuredAnswerBecomesTheResponse() throws Exception {
        HttpApiServer api = answering("""
                {"statusCode":201,"headers":{"content-type":"application/problem+json","x-correlation-id":"c-1",
                 "content-length":"999","transfer-encoding":"chunked"},
                 "multiValueHeaders":{"vary":["accept","origin"]},"cookies":["seen=1; Path=/","ab=b"],
                 "body":"eyJvayI6dHJ1ZX0=","isBase64Encoded":true}""");

        HttpResponse<byte[]> response = send(request(api, "/v1/orders/ebay/12-3").GET());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(text(response)).isEqualTo("{\"ok\":true}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("x-correlation-id")).hasValue("c-1");
        assertThat(response.headers().allValues("vary")).containsExactly("accept", "origin");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("seen=1; Path=/", "ab=b");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        // Framing is API Gateway's own, whatever the function claims.
        assertThat(response.headers().allValues("content-length")).containsExactly("11");
        assertThat(response.headers().firstValue("transfer-encoding")).isEmpty();
    }

    @Test
    void anAnswerWithoutStatusCodeIsA200WithThatJson() throws Exception {
        HttpApiServer api = answering("{\"orderKey\":\"ebay:1\"}");

        HttpResponse<byte[]> response = send(request(api, "/v1/orders/ebay/1").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(text(response)).isEqualTo("{\"orderKey\":\"ebay:1\"}");
    }

    @Test
    void whatApiGatewayAnswersItself() throws Exception {
        List<CompletableFuture<String>> outcomes = List.of(
                CompletableFuture.failedFuture(new IllegalStateException("the function failed")),
                CompletableFuture.completedFuture("not json"),
                CompletableFuture.completedFuture("{\"statusCode\":\"teapot\"}"),
                CompletableFuture.completedFuture("{\"statusCode\":200,\"body\":\"?\",\"isBase64Encoded\":true}"));
        for (CompletableFuture<String> outcome : outcomes) {
            HttpApiServer api = api((function, event) -> outcome, HttpApiServer.INTEGRATION_TIMEOUT);
            HttpResponse<byte[]> response = send(request(api, "/v1/orders/ebay").POST(
                    HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(response.statusCode()).as(outcome.toString()).isEqualTo(500);
            assertThat(text(response)).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }

        CompletableFuture<String> neverAnswered = new CompletableFuture<>();
        HttpApiServer silent = api((function, event) -> neverAnswered, Duration.ofMillis(300));
        HttpResponse<byte[]> unavailable = send(request(silent, "/v1/orders/ebay").POST(
                HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(text(unavailable)).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(neverAnswered).as("withdrawn once nobody waits for it").isCancelled();

        int invoked = invocations.get();
        HttpResponse<byte[]> noRoute = send(request(silent, "/v2/orders").GET());
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(text(noRoute)).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(invocations.get()).isEqualTo(invoked);
    }

    @Test
    void aBodyOverTenMibIsRefusedWithoutInvokingTheFunction() throws Exception {
        HttpApiServer api = answering("{\"statusCode\":202}");

        HttpResponse<byte[]> response = send(request(api, "/v1/orders/ebay").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpApiServer.MAX_REQUEST_BYTES + 1])));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(text(response)).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(invocations.get()).isZero();
    }

    @Test
    void otherHandlersCanBeMountedBesideTheApi() throws Exception {
        HttpApiServer api = answering("{\"statusCode\":200,\"body\":\"api\"}");
        api.mount("/status", exchange -> {
            byte[] body = ("status:" + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        assertThat(text(send(request(api, "/status/functions").GET()))).isEqualTo("status:/status/functions");
        assertThat(send(request(api, "/statusx").GET()).statusCode()).isEqualTo(404);
        assertThat(text(send(request(api, "/v1/orders/ebay/7").GET()))).isEqualTo("api");
        assertThat(api.mounted()).containsExactly("/status");
        assertThatThrownBy(() -> api.mount("/v1", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/v1/orders/{channel}");
        assertThatThrownBy(() -> api.mount("/status", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.mount("status/", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("looks like /status");
    }

    @Test
    void aCatchAllRouteTakesEveryRequestToOneFunction() throws Exception {
        Router catchAll = Router.catchAll("IngestFunction");

        assertThat(catchAll.route("DELETE", "/anything/at/all")).hasValue(
                new RouteMatch("$default", Map.of(), "IngestFunction"));
        assertThat(catchAll.routeUnder("/status")).isEmpty();
    }
}
