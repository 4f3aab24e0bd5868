package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory ERP speaking the generic sales-order contract ({@code infra/erp/generic-erp-openapi.yaml}) on
 * 127.0.0.1, for {@code ./run-local} and for tests: point {@code ERP_BASE_URL} at {@link #baseUrl()}.
 * <p>
 * What it holds to from the contract: {@code GET /sales-orders?externalReference=} answers zero or one document
 * (more only under {@link SandboxErpConfig#laxUniqueness()}); {@code POST /sales-orders} requires
 * {@code Idempotency-Key}, answers 201, 200 with the original for a repeated key, or 409 naming the existing document
 * (atomically: two racing creates make one document); {@code PUT /sales-orders/{documentId}} applies only a newer
 * {@code sourceVersion}, answers 200 without change for the same one and 409 for an older one; bearer authentication
 * when a key is configured; every refusal is {@code application/problem+json}, with {@code errors[].pointer} where a
 * field is at fault. Bodies are checked as {@link SalesOrderContract} describes (400 malformed, 422 refused).
 * <p>
 * What it does wrong on purpose: {@link SandboxErpFaults}, set at start and changed at run time by
 * {@link #setFaults} or {@code PUT /sandbox/erp/faults}. What it was asked and holds: {@link #stats()},
 * {@link #documents()}, and the same under {@code /sandbox/erp/} ({@link SandboxAdminApi}); the callers' trace
 * contexts: {@link #traceparents()}.
 */
public final class SandboxErp implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SandboxErp.class.getName());

    /** Far above any order; a bigger body is a caller's bug, refused before it is parsed. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    /** Connections waiting to be accepted; the pipeline has at most a handful open. */
    private static final int BACKLOG = 50;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    /** Trace contexts kept for {@link #traceparents()}; the oldest go first. */
    private static final int TRACEPARENTS_KEPT = 10_000;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ObjectMapper json;
    private final OrderBook book;
    private final CallCounters counters;
    private final InjectedFaults faults;
    private final SalesOrderApi salesOrders;
    private final SandboxAdminApi admin;
    private final Deque<String> traceparents = new ArrayDeque<>();

    private SandboxErp(SandboxErpConfig config, Clock clock) throws IOException {
        this.json = new ObjectMapper();
        this.book = new OrderBook(config.laxUniqueness());
        this.counters = new CallCounters();
        this.faults = new InjectedFaults(json, clock, config.seed(), counters, config.faults());
        this.salesOrders = new SalesOrderApi(json, book, faults, counters, clock, config.apiKey(),
                config.skuCatalogue());
        this.admin = new SandboxAdminApi(json, book, faults, counters, clock);
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.server = HttpServer.create(new InetSocketAddress(loopback, config.port()), BACKLOG);
        this.workers = Executors.newFixedThreadPool(config.threads(), new WorkerThreads());
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts the sandbox ERP; it serves until {@link #close()}. */
    public static SandboxErp start(SandboxErpConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** @param clock the ERP's time: document timestamps, outage windows, rate-limit seconds */
    public static SandboxErp start(SandboxErpConfig config, Clock clock) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        // The JDK server writes headers and body as two segments; without TCP_NODELAY the body waits for the
        // caller's delayed ACK, ~40 ms per call. The JDK reads this once, when its first HttpServer starts, so a
        // launcher that starts other JDK servers first should set it itself; an explicit setting is left alone.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        SandboxErp erp = new SandboxErp(config, clock);
        erp.server.start();
        LOG.log(System.Logger.Level.INFO, "sandbox ERP listening on " + erp.baseUrl() + " ("
                + (config.laxUniqueness() ? "lax" : "enforced") + " uniqueness"
                + (config.apiKey() == null ? ", no API key" : "") + ")");
        return erp;
    }

    /** The base URL the pipeline's {@code ERP_BASE_URL} should name: {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every document the ERP holds, in creation order. */
    public List<SandboxSalesOrder> documents() {
        return book.all();
    }

    /** The documents holding this external reference: zero or one, more only under lax uniqueness. */
    public List<SandboxSalesOrder> documentsFor(String externalReference) {
        return book.find(externalReference);
    }

    /**
     * The W3C {@code traceparent} header of each sales-order call that carried one, oldest first (the last
     * {@value #TRACEPARENTS_KEPT}): whether the caller's trace reaches the ERP.
     */
    public List<String> traceparents() {
        synchronized (traceparents) {
            return List.copyOf(traceparents);
        }
    }

    public SandboxErpStats stats() {
        return counters.snapshot();
    }

    public SandboxErpFaults faults() {
        return faults.current();
    }

    /** Replaces the faults in force; calls already being answered finish under the old ones. */
    public void setFaults(SandboxErpFaults newFaults) {
        faults.set(Objects.requireNonNull(newFaults, "newFaults"));
    }

    /** Stops listening at once; callers then get connection refused. */
    @Override
    public void close() {
        int port = port();
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.DEBUG, "sandbox ERP on port " + port + " stopped");
    }

    private void handle(HttpExchange exchange) {
        try {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "sandbox ERP failed on " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI(), e);
                answer = Answer.problem(json, 500, "internal-error", "Sandbox ERP failure", e.toString(), null);
            }
            if (answer.dropConnection()) {
                // Closing before any response header closes the TCP connection: the caller reads end-of-stream.
                LOG.log(System.Logger.Level.DEBUG, "dropping the response to {0} {1}", exchange.getRequestMethod(),
                        exchange.getRequestURI());
                return;
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the connection closes unanswered
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "caller went away: " + e);
        } finally {
            exchange.close();
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Answer.problem(json, 413, "too-large", "Body too large", "at most " + MAX_BODY_BYTES + " bytes",
                    null);
        }
        Call call = new Call(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders()::getFirst, body);
        if (SandboxAdminApi.serves(path)) {
            return admin.handle(call);
        }
        counters.requests.increment();
        String traceparent = call.header().apply("traceparent");
        if (traceparent != null) {
            synchronized (traceparents) {
                traceparents.addLast(traceparent);
                if (traceparents.size() > TRACEPARENTS_KEPT) {
                    traceparents.removeFirst();
                }
            }
        }
        Duration latency = faults.latency();
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        }
        return faults.refusal(SalesOrderApi.writesOrder(call)).orElseGet(() -> SalesOrderApi.serves(path)
                ? salesOrders.handle(call)
                : Answer.problem(json, 404, "not-found", "Not found", "no resource " + path
                        + "; the sales-order API is " + SalesOrderApi.COLLECTION, null));
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        answer.headers().forEach(headers::set);
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** @return the body, or null when it is longer than {@link #MAX_BODY_BYTES} */
    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    /** Daemon threads, so a forgotten sandbox never keeps a JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "sandbox-erp-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
