package dev.commercesync.runlocal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.Invocation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API Gateway's HTTP API in front of the local functions, on 127.0.0.1: each request that matches one of the
 * template's routes becomes a payload-format-2.0 event for the route's function, and the function's answer becomes
 * the response. What API Gateway itself answers is answered here the same way: no route, {@code 404
 * {"message":"Not Found"}}; a function error, crash, timeout or unusable answer, {@code 500
 * {"message":"Internal Server Error"}}; no answer within the integration timeout (30 s, counted from the request,
 * so it includes waiting for a free environment), {@code 503 {"message":"Service Unavailable"}}.
 *
 * <p>Not emulated: the {@code AWS_IAM} authorizer of a route (requests are not SigV4-checked), CORS, custom domains
 * and stages other than {@code $default}.
 */
public final class HttpApiFront implements AutoCloseable {

    /** HTTP APIs' maximum integration timeout. */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** HTTP APIs' request payload limit. */
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(HttpApiFront.class.getName());

    private final HttpApiDefinition api;
    private final Map<String, FunctionInvoker> functions;
    private final Duration integrationTimeout;
    private final HttpServer server;
    private final ExecutorService threads;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, HttpHandler> mounted = new LinkedHashMap<>();

    private HttpApiFront(HttpApiDefinition api, Map<String, FunctionInvoker> functions, Duration integrationTimeout,
                         HttpServer server, ExecutorService threads) {
        this.api = api;
        this.functions = Map.copyOf(functions);
        this.integrationTimeout = integrationTimeout;
        this.server = server;
        this.threads = threads;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: a free port).
     *
     * @param functions function logical id to the function, one for every function the API's routes name
     */
    public static HttpApiFront start(HttpApiDefinition api, Map<String, FunctionInvoker> functions, int port) {
        return start(api, functions, port, INTEGRATION_TIMEOUT);
    }

    public static HttpApiFront start(HttpApiDefinition api, Map<String, FunctionInvoker> functions, int port,
                                     Duration integrationTimeout) {
        for (HttpRoute route : api.routes()) {
            if (!functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException("route " + route.routeKey() + " goes to "
                        + route.functionLogicalId() + ", which was not given (given: " + functions.keySet() + ")");
            }
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                    port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "http-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        HttpApiFront front = new HttpApiFront(api, functions, integrationTimeout, server, threads);
        server.createContext("/", front::serveApi);
        server.start();
        LOG.log(Level.INFO, "HTTP API {0} on {1}: {2}", api.logicalId(), front.baseUri(),
                api.routes().stream().map(HttpRoute::routeKey).toList());
        return front;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public HttpApiDefinition api() {
        return api;
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
        if (mounted.containsKey(pathPrefix)) {
            throw new IllegalArgumentException(pathPrefix + " is mounted already");
        }
        for (HttpRoute route : api.routes()) {
            if (route.couldServeUnder(pathPrefix)) {
                throw new IllegalArgumentException(pathPrefix + " would hide the route " + route.routeKey());
            }
        }
        mounted.put(pathPrefix, handler);
        server.createContext(pathPrefix, exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            // HttpServer matches contexts by string prefix: /status would also take /statusx.
            if (path.equals(pathPrefix) || path.startsWith(pathPrefix + "/")) {
                handler.handle(exchange);
            } else {
                serveApi(exchange);
            }
        });
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------ the API

    private void serveApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            String requestId = requestId();
            ProxyResponse response;
            try {
                response = answer(exchange, requestId, receivedAt);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "request " + requestId + " failed in the HTTP API front", e);
                response = ProxyResponse.internalServerError();
            }
            write(exchange, requestId, response);
        }
    }

    private ProxyResponse answer(HttpExchange exchange, String requestId, Instant receivedAt) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<HttpApiDefinition.MatchedRoute> route = api.route(method, rawPath);
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
        String event = request.toEvent(json, api, route.get(), requestId, traceId(receivedAt), receivedAt);

        CompletableFuture<Invocation> invocation = functions.get(route.get().route().functionLogicalId())
                .invoke(event);
        long left = integrationTimeout.toMillis() - Duration.between(receivedAt, Instant.now()).toMillis();
        Invocation outcome;
        try {
            outcome = invocation.get(Math.max(1, left), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not run yet: it never will be. Already running: it finishes, but nobody is waiting any more.
            invocation.cancel(false);
            LOG.log(Level.WARNING, "{0} {1}: no answer within {2}", method, rawPath, integrationTimeout);
            return ProxyResponse.serviceUnavailable();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "{0} {1}: the function could not be invoked: {2}", method, rawPath,
                    e.getCause().getMessage());
            return ProxyResponse.internalServerError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProxyResponse.serviceUnavailable();
        }
        if (outcome instanceof Invocation.Success success) {
            Optional<ProxyResponse> response = ProxyResponse.fromFunction(json, success.payload());
            if (response.isEmpty()) {
                LOG.log(Level.WARNING, "{0} {1}: the function''s answer is not a valid response: {2}", method,
                        rawPath, success.payload());
            }
            return response.orElseGet(ProxyResponse::internalServerError);
        }
        LOG.log(Level.WARNING, "{0} {1}: the function failed: {2}", method, rawPath, outcome);
        return ProxyResponse.internalServerError();
    }

    private static void write(HttpExchange exchange, String requestId, ProxyResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
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

    /** For a status page: the routes and what is mounted. */
    public synchronized List<String> describe() {
        List<String> lines = new ArrayList<>(api.routes().stream()
                .map(r -> r.routeKey() + " -> " + r.functionLogicalId()).toList());
        mounted.keySet().forEach(prefix -> lines.add(prefix + " (mounted)"));
        return lines;
    }
}
