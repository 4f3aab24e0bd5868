package dev.commercesync.localstack.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import dev.commercesync.localstack.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The Lambda Runtime API (2018-06-01) of one execution environment, on 127.0.0.1 and a port of the OS's choosing.
 * In Lambda every sandbox has its own endpoint too; here that tells us which process asks for work without any
 * bookkeeping of connections. Only the HTTP side lives here; what the calls mean is the {@link Backend}'s business:
 * run-local's {@code LocalFunction} drives runtime interface client processes with it, {@link InvocationQueue} the
 * poll loop of a function under {@code @QuarkusTest}.
 *
 * <p>The API can sit below a path prefix: none for AWS's runtime interface client, which is told
 * {@code AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>}; {@link #QUARKUS_TEST_PREFIX} for Quarkus' test poll loop, which is
 * told {@code quarkus-internal.aws-lambda.test-api=127.0.0.1:<port>/_lambda_}. {@link #address()} is that value.
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** The API's own path, below the prefix. */
    public static final String API_PATH = "/2018-06-01/runtime/";
    /** Where Quarkus' poll loop looks for the Runtime API in tests ({@code AmazonLambdaApi.API_BASE_PATH_TEST}). */
    public static final String QUARKUS_TEST_PREFIX = "/_lambda_";
    /** Lambda's limit on a synchronous response (and on what the runtime may post back). */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    /**
     * An invocation as {@code GET /invocation/next} hands it out.
     *
     * @param traceId X-Ray's {@code Lambda-Runtime-Trace-Id}; empty sends no such header (Quarkus' poll loop would
     *                put it into a system property of the test JVM)
     */
    public record NextInvocation(String requestId, long deadlineEpochMillis, String invokedFunctionArn,
                                 Optional<String> traceId, byte[] payload) {
    }

    /** The answer to a post: Lambda's status code and, for errors, its {@code errorType}. */
    public record Reply(int status, Optional<String> errorType, String errorMessage) {

        public static Reply accepted() {
            return new Reply(202, Optional.empty(), "");
        }

        public static Reply rejected(int status, String errorType, String errorMessage) {
            return new Reply(status, Optional.of(errorType), errorMessage);
        }
    }

    /** What the calls of one environment's runtime mean. Called on the server's threads, several at a time. */
    public interface Backend {
        /** Blocks until there is work; empty when this environment will get none (it is being shut down). */
        Optional<NextInvocation> awaitNext() throws InterruptedException;

        /** {@code POST /invocation/{id}/response}; {@code body} is cut at {@link #MAX_RESPONSE_BYTES} + 1. */
        Reply response(String requestId, byte[] body);

        /** {@code POST /invocation/{id}/error}. */
        Reply error(String requestId, Optional<String> errorTypeHeader, byte[] body);

        /** {@code POST /init/error}. */
        Reply initError(Optional<String> errorTypeHeader, byte[] body);

        /**
         * {@code POST /invocation/{id}/requeue}: not Lambda's, Quarkus' dev-mode poll loop hands back an invocation it
         * took but will not run (a hot reload came first). Unknown path unless the backend serves Quarkus.
         */
        default Reply requeue(String requestId) {
            return Reply.rejected(404, "NotFound", "no such Runtime API path: invocation/" + requestId + "/requeue");
        }

        /**
         * {@code /next}'s answer could not be sent: the runtime hung up (it is shutting down or restarting) before
         * it got {@code invocation}. Nothing by default: an environment that dies holding work is the backend's
         * concern anyway.
         */
        default void undelivered(NextInvocation invocation) {
        }
    }

    private final LoopbackHttpServer server;
    private final String pathPrefix;

    private RuntimeApiServer(LoopbackHttpServer server, String pathPrefix) {
        this.server = server;
        this.pathPrefix = pathPrefix;
    }

    /**
     * Serves {@code backend} on 127.0.0.1 and a free port.
     *
     * @param pathPrefix {@code ""}, or a path such as {@link #QUARKUS_TEST_PREFIX} the API sits below
     * @param threadName what the server's threads are called, numbered
     */
    public static RuntimeApiServer start(String pathPrefix, Backend backend, String threadName) {
        Objects.requireNonNull(backend, "backend");
        if (!pathPrefix.isEmpty() && (!pathPrefix.startsWith("/") || pathPrefix.endsWith("/"))) {
            throw new IllegalArgumentException("a path prefix looks like /_lambda_ (or is empty), not '"
                    + pathPrefix + "'");
        }
        LoopbackHttpServer server = LoopbackHttpServer.start(0, threadName);
        String apiPath = pathPrefix + API_PATH;
        server.serve(pathPrefix + "/", exchange -> serve(apiPath, backend, exchange));
        return new RuntimeApiServer(server, pathPrefix);
    }

    public int port() {
        return server.port();
    }

    public String pathPrefix() {
        return pathPrefix;
    }

    /** {@code 127.0.0.1:<port><prefix>}: the runtime's {@code AWS_LAMBDA_RUNTIME_API}, or Quarkus' test API. */
    public String address() {
        return "127.0.0.1:" + port() + pathPrefix;
    }

    @Override
    public void close() {
        server.close();
    }

    private static void serve(String apiPath, Backend backend, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(apiPath)) {
                reject(exchange, 404, "NotFound", "no such Runtime API path: " + path);
                return;
            }
            String[] parts = path.substring(apiPath.length()).split("/");
            if (parts.length == 2 && parts[0].equals("invocation") && parts[1].equals("next")) {
                if (!method.equals("GET")) {
                    reject(exchange, 405, "MethodNotAllowed", method + " " + path);
                    return;
                }
                next(backend, exchange);
                return;
            }
            if (!method.equals("POST")) {
                reject(exchange, 405, "MethodNotAllowed", method + " " + path);
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            Optional<String> errorType = Optional.ofNullable(
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
            Reply reply;
            if (parts.length == 3 && parts[0].equals("invocation") && parts[2].equals("response")) {
                reply = backend.response(parts[1], body);
            } else if (parts.length == 3 && parts[0].equals("invocation") && parts[2].equals("error")) {
                reply = backend.error(parts[1], errorType, body);
            } else if (parts.length == 3 && parts[0].equals("invocation") && parts[2].equals("requeue")) {
                reply = backend.requeue(parts[1]);
            } else if (parts.length == 2 && parts[0].equals("init") && parts[1].equals("error")) {
                reply = backend.initError(errorType, body);
            } else {
                reply = Reply.rejected(404, "NotFound", "no such Runtime API path: " + path);
            }
            if (reply.errorType().isEmpty()) {
                send(exchange, reply.status(), ACCEPTED);
            } else {
                reject(exchange, reply.status(), reply.errorType().get(), reply.errorMessage());
            }
        }
    }

    private static void next(Backend backend, HttpExchange exchange) throws IOException {
        Optional<NextInvocation> next;
        try {
            next = backend.awaitNext();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next = Optional.empty();
        }
        if (next.isEmpty()) {
            reject(exchange, 503, "ServiceUnavailable", "this execution environment is shutting down");
            return;
        }
        NextInvocation invocation = next.get();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
        invocation.traceId().ifPresent(traceId -> headers.set("Lambda-Runtime-Trace-Id", traceId));
        try {
            send(exchange, 200, invocation.payload());
        } catch (IOException hungUp) {
            backend.undelivered(invocation);
            throw hungUp;
        }
    }

    /** Reads a posted body, but no more than Lambda would accept; a larger body reads as one byte too many. */
    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
        in.transferTo(OutputStream.nullOutputStream());
        return body;
    }

    private static void reject(HttpExchange exchange, int status, String errorType, String message)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        String body = JsonNodeFactory.instance.objectNode().put("errorMessage", message).put("errorType", errorType)
                .toString();
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // A length of 0 would mean chunked to HttpServer; -1 means no body.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
