package dev.commercesync.localstack.httpapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.commercesync.localstack.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * API Gateway's HTTP API on 127.0.0.1: each request the {@link Router} finds a route for becomes a
 * payload-format-2.0 event ({@link ProxyRequest}) for the route's function, and the function's answer becomes the
 * response ({@link ProxyResponse}). What API Gateway itself answers is answered here the same way: no route,
 * {@code 404 {"message":"Not Found"}}; a body over 10 MiB, {@code 413}; a failed integration or an unusable answer,
 * {@code 500 {"message":"Internal Server Error"}}; no answer within the integration timeout (counted from the
 * request, so it includes waiting for a free environment), {@code 503 {"message":"Service Unavailable"}}.
 *
 * <p>Not emulated: authorizers (requests are not SigV4-checked), CORS, custom domains and stages other than
 * {@code $default}.
 */
public final class HttpApiServer implements AutoCloseable {

    /** HTTP APIs' maximum integration timeout. */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** HTTP APIs' request payload limit. */
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(HttpApiServer.class.getName());
    /** Framing is the server's, not the function's: API Gateway sets these itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");

    private final String apiId;
    private final Router router;
    private final LambdaIntegration integration;
    private final Duration integrationTimeout;
    private final LoopbackHttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final List<String> mounted = new ArrayList<>();

    private HttpApiServer(String apiId, Router router, LambdaIntegration integration, Duration integrationTimeout,
                          LoopbackHttpServer server) {
        this.apiId = apiId;
        this.router = router;
        this.integration = integration;
        this.integrationTimeout = integrationTimeout;
        this.server = server;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: a free port).
     *
     * @param apiId what {@code requestContext.apiId} says
     */
    public static HttpApiServer start(String apiId, Router router, LambdaIntegration integration, int port,
                                      Duration integrationTimeout) {
        LoopbackHttpServer server = LoopbackHttpServer.start(port, "http-api");
        HttpApiServer api = new HttpApiServer(apiId, router, integration, integrationTimeout, server);
        server.serve("/", api::serveApi);
        return api;
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public int port() {
        return server.port();
    }

    /**
     * Serves {@code pathPrefix} and everything below it ({@code /status}, {@code /status/...}, not
     * {@code /statusx}) with {@code handler} on the same port, ahead of the API's routes.
     *
     * @throws IllegalArgumentException if the prefix is taken or would hide one of the API's routes
     */
    public synchronized void mount(String pathPrefix, HttpHandler handler) {
        if (!pathPrefix.startsWith("/") || pathPrefix.length() < 2 || pathPrefix.endsWith("/")) {
            throw new IllegalArgumentException("a mount point looks like /status, not '" + pathPrefix + "'");
        }
        if (mounted.contains(pathPrefix)) {
            throw new IllegalArgumentException(pathPrefix + " is mounted already");
        }
        router.routeUnder(pathPrefix).ifPresent(routeKey -> {
            throw new IllegalArgumentException(pathPrefix + " would hide the route " + routeKey);
        });
        mounted.add(pathPrefix);
        server.serve(pathPrefix, exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            // HttpServer matches contexts by string prefix: /status would also take /statusx.
            if (path.equals(pathPrefix) || path.startsWith(pathPrefix + "/")) {
                handler.handle(exchange);
            } else {
                serveApi(exchange);
            }
        });
    }

    /** The mount points, in the order they were mounted. */
    public synchronized List<String> mounted() {
        return List.copyOf(mounted);
    }

    @Override
    public void close() {
        server.close();
    }

    private void serveApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            String requestId = requestId();
            ProxyResponse response;
            try {
                response = answer(exchange, requestId, receivedAt);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "request " + requestId + " failed in the HTTP API", e);
                response = ProxyResponse.internalServerError();
            }
            write(exchange, requestId, response);
        }
    }

    private ProxyResponse answer(HttpExchange exchange, String requestId, Instant receivedAt) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<RouteMatch> route = router.route(method, rawPath);
        if (route.isEmpty()) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return ProxyResponse.notFound();
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            return ProxyResponse.message(413, "Request Entity Too Large");
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        ProxyRequest request = new ProxyRequest(method, rawPath, rawQuery == null ? "" : rawQuery,
                exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getLocalAddress().getPort());
        String event = request.toEvent(json, apiId, route.get(), requestId, traceId(receivedAt), receivedAt);

        CompletableFuture<String> invocation = integration.invoke(route.get().functionLogicalId(), event);
        long left = integrationTimeout.toMillis() - Duration.between(receivedAt, Instant.now()).toMillis();
        String answer;
        try {
            answer = invocation.get(Math.max(1, left), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not run yet: it never will be. Already running: it finishes, but nobody is waiting any more.
            invocation.cancel(false);
            LOG.log(Level.WARNING, "{0} {1}: no answer within {2}", method, rawPath, integrationTimeout);
            return ProxyResponse.serviceUnavailable();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "{0} {1}: the function failed: {2}", method, rawPath, e.getCause().getMessage());
            return ProxyResponse.internalServerError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProxyResponse.serviceUnavailable();
        }
        Optional<ProxyResponse> response = ProxyResponse.fromFunction(json, answer);
        if (response.isEmpty()) {
            LOG.log(Level.WARNING, "{0} {1}: the function''s answer is not a valid response: {2}", method, rawPath,
                    answer);
        }
        return response.orElseGet(ProxyResponse::internalServerError);
    }

    private static void write(HttpExchange exchange, String requestId, ProxyResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> headers.add(name, value));
            }
        });
        headers.set("apigw-requestid", requestId);
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.status() == 204
                || response.status() == 304 || response.status() < 200;
        // HttpServer: a length of 0 means chunked, -1 means no body.
        exchange.sendResponseHeaders(response.status(), noBody || response.body().length == 0 ? -1
                : response.body().length);
        if (!noBody && response.body().length > 0) {
            exchange.getResponseBody().write(response.body());
        }
    }

    /** API Gateway's request ids look like {@code JKJaXmPLvHcESHA=}. */
    private String requestId() {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String traceId(Instant receivedAt) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "Root=1-" + Long.toHexString(receivedAt.getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }
}
