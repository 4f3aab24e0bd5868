package dev.commercesync.pipeline.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API for a function under {@code @QuarkusTest}, on 127.0.0.1.
 * <p>
 * Quarkus' own mock event server listens on every interface and cannot be told otherwise; our machines allow loopback
 * listeners only. The functions' {@code %test} profile switches it off, and this resource gives the function's poll
 * loop a loopback Runtime API to wait on instead ({@code quarkus-internal.aws-lambda.test-api}). Tests that want the
 * full serialisation path can {@link #invoke(String)} through it; others call the handler bean directly.
 */
public class LoopbackLambdaRuntime implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "/_lambda_/2018-06-01/runtime/";
    private static volatile LoopbackLambdaRuntime current;

    private final BlockingQueue<Invocation> waiting = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private HttpServer server;
    private ExecutorService threads;

    private record Invocation(String requestId, byte[] event, CompletableFuture<String> answer) {
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1", e);
        }
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "loopback-lambda-runtime");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(PREFIX, this::runtimeApi);
        server.start();
        current = this;
        int port = server.getAddress().getPort();
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
        current = null;
    }

    /** Invokes the function under test with a JSON event, as Lambda would; completes with its JSON response. */
    public static CompletableFuture<String> invoke(String eventJson) {
        LoopbackLambdaRuntime runtime = current;
        if (runtime == null) {
            throw new IllegalStateException("LoopbackLambdaRuntime is not started for this test");
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(),
                eventJson.getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
        runtime.waiting.add(invocation);
        return invocation.answer();
    }

    private void runtimeApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (path.equals("invocation/next")) {
                next(exchange);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String[] parts = path.split("/");
            Invocation invocation = parts.length == 3 ? inFlight.remove(parts[1]) : null;
            if (invocation == null) {
                respond(exchange, path.equals("init/error") ? 202 : 404, new byte[0]);
                return;
            }
            switch (parts[2]) {
                case "response" -> invocation.answer().complete(body);
                case "error" -> invocation.answer().completeExceptionally(new IllegalStateException(body));
                default -> waiting.add(invocation);
            }
            respond(exchange, 202, new byte[0]);
        }
    }

    /** Long poll, as the real Runtime API: the poll loop waits here between invocations. */
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
            respond(exchange, 503, new byte[0]);
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(1)));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:under-test");
        respond(exchange, 200, invocation.event());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
