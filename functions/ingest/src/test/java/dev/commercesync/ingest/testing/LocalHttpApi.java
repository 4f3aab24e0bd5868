package dev.commercesync.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * API Gateway HTTP API and the Lambda Runtime API in one small server on 127.0.0.1, so tests reach the function the
 * way AWS does: an HTTP request becomes a payload-format-2.0 event, the function takes it from
 * {@code /runtime/invocation/next} and posts its answer back, and that answer becomes the HTTP response.
 * <p>
 * Quarkus ships such a server (its mock event server) but binds it to every interface with no way to change that;
 * our test machines only allow loopback listeners. {@code application.properties} therefore switches it off in tests,
 * and this resource points the function's runtime client ({@code quarkus-internal.aws-lambda.test-api}) and
 * RestAssured ({@code quarkus.lambda.mock-event-server.test-port}) here instead.
 */
public class LocalHttpApi implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(LocalHttpApi.class);
    private static final String RUNTIME_PREFIX = "/_lambda_/2018-06-01/runtime/";
    /** API Gateway's integration timeout. */
    private static final long INTEGRATION_TIMEOUT_SECONDS = 30;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<Invocation> waiting = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private HttpServer server;
    private ExecutorService threads;

    private record Invocation(String requestId, byte[] event, CompletableFuture<JsonNode> answer) {
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1", e);
        }
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "local-http-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(RUNTIME_PREFIX, this::runtimeApi);
        server.createContext("/", this::httpApi);
        server.start();
        int port = server.getAddress().getPort();
        LOG.infof("HTTP API and Lambda Runtime API on 127.0.0.1:%d", port);
        return Map.of(
                "quarkus-internal.aws-lambda.test-api", "127.0.0.1:" + port + "/_lambda_",
                "quarkus.lambda.mock-event-server.test-port", Integer.toString(port));
    }

    @Override
    public void stop() {
        stopping = true;
        if (server != null) {
            server.stop(0);
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    // ---- the client side: API Gateway HTTP API, payload format 2.0

    private void httpApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            Invocation invocation = new Invocation(requestId, json.writeValueAsBytes(event(exchange, requestId)),
                    new CompletableFuture<>());
            waiting.add(invocation);
            JsonNode answer;
            try {
                answer = invocation.answer().get(INTEGRATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                waiting.remove(invocation);
                respond(exchange, 503, Map.of("content-type", "application/json"),
                        "{\"message\":\"Service Unavailable\"}".getBytes(StandardCharsets.UTF_8));
                return;
            } catch (Exception e) {
                // What API Gateway answers when the function failed (an /error report or a crash).
                respond(exchange, 500, Map.of("content-type", "application/json"),
                        "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            answer.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            answer.path("multiValueHeaders").fields().forEachRemaining(h -> {
                List<String> values = new ArrayList<>();
                h.getValue().forEach(v -> values.add(v.asText()));
                headers.put(h.getKey(), String.join(",", values));
            });
            String body = answer.path("body").isNull() ? "" : answer.path("body").asText("");
            byte[] bytes = answer.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(body)
                    : body.getBytes(StandardCharsets.UTF_8);
            for (JsonNode cookie : answer.path("cookies")) {
                exchange.getResponseHeaders().add("set-cookie", cookie.asText());
            }
            respond(exchange, answer.path("statusCode").asInt(200), headers, bytes);
        }
    }

    private Map<String, Object> event(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        long now = System.currentTimeMillis();

        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", exchange.getRequestMethod());
        http.put("path", URLDecoder.decode(path, StandardCharsets.UTF_8));
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", headers.getOrDefault("host", "127.0.0.1"));
        context.put("domainPrefix", "local");
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(Instant.ofEpochMilli(now)));
        context.put("timeEpoch", now);

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", query == null ? "" : query);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers);
        if (query != null && !query.isEmpty()) {
            event.put("queryStringParameters", queryParameters(query));
        }
        event.put("requestContext", context);
        if (body.length > 0) {
            // Like API Gateway: text stays text, anything else travels base64-encoded.
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("yaml")
                || type.contains("x-www-form-urlencoded");
    }

    // ---- the function side: Lambda Runtime API

    private void runtimeApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(RUNTIME_PREFIX.length());
            if (path.equals("invocation/next")) {
                next(exchange);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] parts = path.split("/");
            if (parts.length == 3 && parts[0].equals("invocation")) {
                Invocation invocation = inFlight.remove(parts[1]);
                if (invocation == null) {
                    respond(exchange, 404, Map.of(), new byte[0]);
                    return;
                }
                switch (parts[2]) {
                    case "response" -> invocation.answer().complete(json.readTree(body));
                    case "error" -> {
                        LOG.errorf("function reported an error for %s: %s", parts[1],
                                new String(body, StandardCharsets.UTF_8));
                        invocation.answer().completeExceptionally(new IllegalStateException("function error"));
                    }
                    case "requeue" -> waiting.add(invocation);
                    default -> {
                        respond(exchange, 404, Map.of(), new byte[0]);
                        return;
                    }
                }
                respond(exchange, 202, Map.of("content-type", "application/json"),
                        "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("init/error")) {
                LOG.errorf("function failed to initialise: %s", new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, Map.of(), new byte[0]);
                return;
            }
            respond(exchange, 404, Map.of(), new byte[0]);
        }
    }

    /** Long poll, as the real Runtime API does: the function's poll loop waits here between requests. */
    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (invocation == null && !stopping) {
                invocation = waiting.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            respond(exchange, 503, Map.of(), new byte[0]);
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.put("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(INTEGRATION_TIMEOUT_SECONDS)));
        headers.put("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:IngestFunction");
        try {
            respond(exchange, 200, headers, invocation.event());
        } catch (IOException lost) {
            // The poll loop went away (shutdown or restart) before taking it: give it to the next poll.
            inFlight.remove(invocation.requestId());
            waiting.add(invocation);
            throw lost;
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        for (Iterator<Map.Entry<String, String>> it = headers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> header = it.next();
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
        }
        boolean empty = body.length == 0;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
