package dev.commercesync.runlocal.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.commercesync.runlocal.LocalStack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's live status page, on the HTTP API's port: {@code GET /status} is one self-contained HTML page
 * (inline style and script, nothing fetched from elsewhere) that polls {@code GET /status/data.json} every two
 * seconds; {@code /status?order=shopify/5823416025378} adds that order's timeline and trace. Every figure carries a
 * {@code data-testid}, so a test reads the page as a browser renders it.
 */
public final class StatusPage implements HttpHandler {

    /** Where it is mounted. */
    public static final String PATH = "/status";
    static final String DATA_PATH = PATH + "/data.json";
    private static final System.Logger LOG = System.getLogger(StatusPage.class.getName());

    private final StatusReader reader;
    private final byte[] html;
    private final ObjectMapper json = new ObjectMapper();

    StatusPage(StatusReader reader, byte[] html) {
        this.reader = reader;
        this.html = html.clone();
    }

    /** The page of this stack, with the spans of its trace collector. */
    public static StatusPage of(LocalStack stack) {
        return of(stack, new CollectedSpans(stack.traceCollector()));
    }

    public static StatusPage of(LocalStack stack, SpanSource spans) {
        try (InputStream page = StatusPage.class.getResourceAsStream("status.html")) {
            if (page == null) {
                throw new IllegalStateException("status.html is missing from the class path");
            }
            return new StatusPage(new StatusReader(stack, spans, Clock.systemUTC()), page.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read status.html", e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals(PATH) || path.equals(PATH + "/")) {
                // The browser enforces what the page promises: nothing loaded or sent anywhere but here.
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; "
                        + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
                        + "form-action 'self'; base-uri 'none'");
                send(exchange, 200, "text/html; charset=utf-8", html);
            } else if (path.equals(DATA_PATH)) {
                serveData(exchange);
            } else {
                send(exchange, 404, "text/plain; charset=utf-8",
                        ("nothing at " + path + "; see " + PATH + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void serveData(HttpExchange exchange) throws IOException {
        Optional<String> order = Optional.ofNullable(query(exchange.getRequestURI().getRawQuery()).get("order"))
                .filter(text -> !text.isBlank());
        Optional<String> orderKey = order.flatMap(TraceView::orderKey);
        if (order.isPresent() && orderKey.isEmpty()) {
            send(exchange, 400, "application/json", json.writeValueAsBytes(Map.of("error",
                    "order looks like <channel>/<channelOrderId>, e.g. shopify/5823416025378")));
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(reader.read(orderKey));
        } catch (RuntimeException e) {
            // The emulators may be stopping, or a table not there yet: the page shows the reason and polls again.
            LOG.log(Level.WARNING, "status page: cannot read the stack", e);
            send(exchange, 503, "application/json", json.writeValueAsBytes(Map.of("error",
                    "cannot read the stack: " + e)));
            return;
        }
        send(exchange, 200, "application/json", body);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
