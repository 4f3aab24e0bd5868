package dev.commercesync.runlocal.lambda;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The Lambda Runtime API (2018-06-01) of one execution environment, on 127.0.0.1 and a port of the OS's choosing.
 * In Lambda every sandbox has its own endpoint too; here that tells us which process asks for work without any
 * bookkeeping of connections. Only the HTTP side lives here; what the calls mean is the {@link Backend}'s business.
 */
final class RuntimeApiServer implements AutoCloseable {

    static final String PREFIX = "/2018-06-01/runtime/";
    /** Lambda's limit on a synchronous response (and on what the runtime may post back). */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    /** An invocation as {@code GET /invocation/next} hands it out. */
    record NextInvocation(String requestId, long deadlineEpochMillis, String invokedFunctionArn, String traceId,
                          byte[] payload) {
    }

    /** The answer to a post: Lambda's status code and, for errors, its {@code errorType}. */
    record Reply(int status, Optional<String> errorType, String errorMessage) {

        static Reply accepted() {
            return new Reply(202, Optional.empty(), "");
        }

        static Reply rejected(int status, String errorType, String errorMessage) {
            return new Reply(status, Optional.of(errorType), errorMessage);
        }
    }

    interface Backend {
        /** Blocks until there is work; empty when this environment will get none (it is being shut down). */
        Optional<NextInvocation> awaitNext() throws InterruptedException;

        Reply response(String requestId, byte[] body);

        Reply error(String requestId, Optional<String> errorTypeHeader, byte[] body);

        Reply initError(Optional<String> errorTypeHeader, byte[] body);
    }

    private final HttpServer server;

    private RuntimeApiServer(HttpServer server) {
        this.server = server;
    }

    static RuntimeApiServer start(Backend backend, Executor executor) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
                    0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1 for a Lambda Runtime API", e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(backend, exchange));
        server.start();
        return new RuntimeApiServer(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void serve(Backend backend, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                reject(exchange, 404, "NotFound", "no such Runtime API path: " + path);
                return;
            }
            String[] parts = path.substring(PREFIX.length()).split("/");
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
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        send(exchange, 200, invocation.payload());
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
