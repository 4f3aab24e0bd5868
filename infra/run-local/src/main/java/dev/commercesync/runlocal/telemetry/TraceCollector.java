package dev.commercesync.runlocal.telemetry;

import com.sun.net.httpserver.HttpExchange;
import dev.commercesync.localstack.LoopbackHttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The local stack's trace collector: an OTLP/HTTP receiver on 127.0.0.1 ({@code POST /v1/traces}, binary protobuf,
 * gzip or not), as the functions' exporter speaks it with protocol {@code http/protobuf}, keeping the most recent
 * {@value #DEFAULT_CAPACITY} spans in memory for tests, the demo summary and the status page.
 *
 * <p>Every request is answered 200 with an empty {@code ExportTraceServiceResponse} (full success) once its spans
 * are stored, so an exporter never retries into duplicates.
 */
public final class TraceCollector implements AutoCloseable {

    /** The port OTLP/HTTP collectors listen on by convention. */
    public static final int DEFAULT_PORT = 4318;
    /** Enough for every span of a few thousand orders; the oldest spans go first beyond it. */
    public static final int DEFAULT_CAPACITY = 200_000;

    private static final System.Logger LOG = System.getLogger(TraceCollector.class.getName());
    private static final String TRACES_PATH = "/v1/traces";
    private static final String PROTOBUF = "application/x-protobuf";
    /** Far above one export batch (512 spans by default); a bigger body is refused before it is read in full. */
    private static final int MAX_BODY_BYTES = 32 << 20;

    private final LoopbackHttpServer server;
    private final int capacity;
    /** Arrival order, for eviction; {@link #byTrace} holds the same spans per trace, each deque in arrival order. */
    private final Deque<CollectedSpan> arrival = new ArrayDeque<>();
    private final Map<String, Deque<CollectedSpan>> byTrace = new HashMap<>();
    private long received;
    private long evicted;

    private TraceCollector(LoopbackHttpServer server, int capacity) {
        this.server = server;
        this.capacity = capacity;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port), keeping {@value #DEFAULT_CAPACITY} spans. */
    public static TraceCollector start(int port) {
        return start(port, DEFAULT_CAPACITY);
    }

    public static TraceCollector start(int port, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        LoopbackHttpServer server = LoopbackHttpServer.start(port, "otlp-receiver");
        TraceCollector collector = new TraceCollector(server, capacity);
        server.serve("/", collector::handle);
        return collector;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}: the OTLP endpoint, to which an exporter appends {@code /v1/traces}. */
    public URI endpoint() {
        return server.baseUri();
    }

    /**
     * What a function needs to send every span here: the endpoint (the functions speak OTLP/HTTP only) and a sampler
     * ratio of 1 (the template samples nothing when it names no collector).
     */
    public Map<String, String> functionEnvironment() {
        return Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint().toString(),
                "OTEL_TRACES_SAMPLER_ARG", "1.0");
    }

    /** The spans of one trace (lowercase hex id), in the order they arrived; empty if none is held. */
    public synchronized List<CollectedSpan> trace(String traceId) {
        Deque<CollectedSpan> spans = byTrace.get(traceId.toLowerCase(Locale.ROOT));
        return spans == null ? List.of() : List.copyOf(spans);
    }

    /** Every span held, oldest first. */
    public synchronized List<CollectedSpan> spans() {
        return List.copyOf(arrival);
    }

    /** Spans received since start, those since evicted included: it only grows, so a stable count means quiet. */
    public synchronized long receivedSpans() {
        return received;
    }

    /** Spans dropped to stay within capacity; while 0, {@link #spans()} is everything the functions sent. */
    public synchronized long evictedSpans() {
        return evicted;
    }

    /**
     * Waits until no span has arrived for {@code quiet}, at most {@code patience}. Functions export at the end of
     * each invocation, so once the pipeline is idle the last spans are at most a request away.
     *
     * @return true when it went quiet, false when spans were still arriving at the deadline
     */
    public boolean awaitQuiet(Duration quiet, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long last = receivedSpans();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(Math.min(100, Math.max(1, quiet.toMillis() / 10)));
            long now = receivedSpans();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return true;
    }

    /** Forgets every span held (the counters keep counting). */
    public synchronized void clear() {
        arrival.clear();
        byTrace.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "TraceCollector[" + endpoint() + "]";
    }

    private synchronized void store(List<CollectedSpan> spans) {
        for (CollectedSpan span : spans) {
            arrival.addLast(span);
            byTrace.computeIfAbsent(span.traceId(), id -> new ArrayDeque<>()).addLast(span);
            received++;
        }
        while (arrival.size() > capacity) {
            CollectedSpan oldest = arrival.removeFirst();
            Deque<CollectedSpan> trace = byTrace.get(oldest.traceId());
            trace.removeFirst();
            if (trace.isEmpty()) {
                byTrace.remove(oldest.traceId());
            }
            evicted++;
        }
    }

    // ----------------------------------------------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(TRACES_PATH)) {
                reply(exchange, 404, "only " + TRACES_PATH + " is served here (traces, not metrics or logs)");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reply(exchange, 405, "POST only");
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
                // OTLP/JSON exists too; the functions are configured for protobuf, so anything else is a mistake.
                reply(exchange, 415, "Content-Type must be " + PROTOBUF + ", not " + contentType);
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                reply(exchange, 413, "at most " + MAX_BODY_BYTES + " bytes");
                return;
            }
            List<CollectedSpan> spans;
            try {
                spans = OtlpTraceRequest.decode(body);
            } catch (OtlpTraceRequest.MalformedOtlpException e) {
                LOG.log(System.Logger.Level.WARNING, "refused an OTLP export: " + e.getMessage());
                reply(exchange, 400, "not an ExportTraceServiceRequest: " + e.getMessage());
                return;
            }
            store(spans);
            exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
            // An empty ExportTraceServiceResponse: no partial_success, every span accepted.
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** @return the (un-gzipped) body, or null when it is larger than {@link #MAX_BODY_BYTES} */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream raw = exchange.getRequestBody();
        try (InputStream in = encoding != null && encoding.equalsIgnoreCase("gzip") ? new GZIPInputStream(raw) : raw) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void reply(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * The spans as an indented tree, children under their parent in start order, one line per span
     * ({@code service KIND "name" spanId}); spans whose parent is not among them start at the left margin, marked
     * {@code (parent ... missing)}. For failure messages and the console.
     */
    public static String outline(List<CollectedSpan> spans) {
        Map<String, List<CollectedSpan>> children = new HashMap<>();
        List<CollectedSpan> tops = new ArrayList<>();
        Set<String> held = new HashSet<>();
        spans.forEach(span -> held.add(span.traceId() + "/" + span.spanId()));
        List<CollectedSpan> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingLong(CollectedSpan::startEpochNanos));
        for (CollectedSpan span : ordered) {
            if (span.parentSpanId() != null && held.contains(span.traceId() + "/" + span.parentSpanId())) {
                children.computeIfAbsent(span.traceId() + "/" + span.parentSpanId(), k -> new ArrayList<>())
                        .add(span);
            } else {
                tops.add(span);
            }
        }
        StringBuilder out = new StringBuilder();
        for (CollectedSpan top : tops) {
            outline(top, 0, children, out);
        }
        return out.toString();
    }

    private static void outline(CollectedSpan span, int depth, Map<String, List<CollectedSpan>> children,
                                StringBuilder out) {
        out.append("  ".repeat(depth)).append(span.service()).append(' ').append(span.kind()).append(" \"")
                .append(span.name()).append("\" ").append(span.spanId());
        if (depth == 0) {
            out.append(" trace ").append(span.traceId());
            if (span.parentSpanId() != null) {
                out.append(" (parent ").append(span.parentSpanId()).append(" missing)");
            }
        }
        if (!span.links().isEmpty()) {
            out.append(" links ").append(span.links().stream().map(l -> l.traceId() + "/" + l.spanId()).toList());
        }
        out.append(System.lineSeparator());
        for (CollectedSpan child : children.getOrDefault(span.traceId() + "/" + span.spanId(), List.of())) {
            outline(child, depth + 1, children, out);
        }
    }
}
