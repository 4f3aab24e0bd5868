package dev.commercesync.runlocal;

import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.demo.DemoOptions;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.demo.ExpectedErpDocument;
import dev.commercesync.runlocal.erp.FaultKind;
import dev.commercesync.runlocal.erp.SandboxErp;
import dev.commercesync.runlocal.erp.SandboxErpFaults;
import dev.commercesync.runlocal.erp.SandboxSalesOrder;
import dev.commercesync.runlocal.lambda.ColdStart;
import dev.commercesync.runlocal.lambda.LocalFunction;
import dev.commercesync.runlocal.peak.PeakReport;
import dev.commercesync.runlocal.peak.PeakSample;
import dev.commercesync.runlocal.peak.TemplateAlarms;
import dev.commercesync.runlocal.telemetry.TraceCollector;
import dev.commercesync.runlocal.telemetry.TraceContinuity;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo: a generated marketplace feed posted through the HTTP API at a steady rate, then a wait until every queue
 * has drained, then the figures. It checks the promise of the product — every valid order in the ERP exactly once, at
 * its newest version; every invalid one a recorded exception; nothing lost.
 */
final class DemoRun {

    private static final Set<String> BUSINESS_EXCEPTION_STATES = Set.of("MAPPING_FAILED", "ERP_REJECTED");
    /** The queues must stay empty this long before the run counts as drained (a retry may be hidden). */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(3);
    /** No span for this long after the drain: the exporters have sent what they had (each flushes per invocation). */
    private static final Duration SPANS_QUIET = Duration.ofSeconds(1);
    private static final Duration SPANS_PATIENCE = Duration.ofSeconds(15);
    /** CloudWatch's SQS metrics come a minute apart; a second is finer than any alarm period it is judged by. */
    private static final Duration PEAK_SAMPLE_EVERY = Duration.ofSeconds(1);

    private final LocalStack stack;
    private final RunLocalOptions options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoRun(LocalStack stack, RunLocalOptions options, PrintStream out) {
        this.stack = stack;
        this.options = options;
        this.out = out;
    }

    DemoSummary run() throws InterruptedException {
        DemoFeed feed = DemoFeed.generate(new DemoOptions(options.orders(), options.seed(), options.duplicateRate(),
                options.outOfOrderRate(), options.malformedRate(), options.nonReconcilingRate(),
                options.shopifySecret()));
        List<Delivery> deliveries = feed.deliveries();
        out.printf("feed: %d deliveries for %d orders (%d duplicates, %d updates, %d malformed, %d non-reconciling)%n",
                deliveries.size(), feed.expectedSummary().uniqueValidOrders(), feed.expectedSummary().duplicates(),
                feed.expectedSummary().updates(), feed.expectedSummary().malformed(),
                feed.expectedSummary().nonReconciling());

        InventoryDemo inventory = new InventoryDemo(stack, out, DemoFeed.skuCatalogue(), options.seed(),
                options.duplicateRate(), options.outOfOrderRate());
        inventory.setUp();
        inventory.startFeed();

        PeakWatch peakWatch = options.erpMaxOrdersPerSecond() > 0 ? PeakWatch.start(stack, PEAK_SAMPLE_EVERY) : null;
        Map<String, Instant> firstAccepted = new HashMap<>();
        long accepted = 0;
        long rejected = 0;
        Instant started = Instant.now();
        long intervalNanos = (long) (1_000_000_000L / options.ratePerSecond());
        long next = System.nanoTime();
        int outageAt = options.erpOutage().isZero() ? -1 : deliveries.size() / 2;
        ProgressBar progress = new ProgressBar(out, deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            if (i == outageAt) {
                startErpOutage();
            }
            LockSupport.parkNanos(next - System.nanoTime());
            next += intervalNanos;
            Delivery delivery = deliveries.get(i);
            int status = post(delivery);
            if (status == 202) {
                accepted++;
                firstAccepted.putIfAbsent(delivery.orderKey(), Instant.now());
            } else if (status >= 400 && status < 500) {
                rejected++;
            }
            progress.show(i + 1, "sent", erpDocumentCount() + " in the ERP");
        }
        progress.done();
        Instant feedEnded = Instant.now();

        out.println("waiting for the queues to drain…");
        Instant drained = awaitDrained(progress);
        PeakReport peak = peakWatch == null ? null : peakReport(peakWatch, started, feedEnded, drained);
        out.println("last stock figures sent; waiting for the channels…");
        inventory.finish();
        awaitDrained(progress);
        out.println("drift check: " + inventory.runDriftCheck());
        DemoSummary.Tracing tracing = traceContinuity();
        return summarise(feed, deliveries.size(), accepted, rejected, firstAccepted, started, drained, inventory,
                tracing, peak);
    }

    /** The peak as the samples show it, judged by the template's own alarms. */
    private PeakReport peakReport(PeakWatch watch, Instant feedStarted, Instant feedEnded, Instant drained)
            throws InterruptedException {
        List<PeakSample> samples = watch.stop();
        StackState state = new StackState(stack);
        String postingQueue = state.queueNamedBy("POSTING_QUEUE_URL").orElseThrow();
        List<String> orderQueues = java.util.stream.Stream.of("INTAKE_QUEUE_URL", "CANONICAL_QUEUE_URL",
                "POSTING_QUEUE_URL").map(state::queueNamedBy).flatMap(java.util.Optional::stream).toList();
        Instant lastDocument = stack.erp().flatMap(erp -> erp.documents().stream().map(SandboxSalesOrder::createdAt)
                .max(Instant::compareTo)).orElse(feedEnded);
        long refusals = stack.erp().map(erp -> erp.stats().faultsInjected(FaultKind.ORDER_CAP)).orElse(0L);
        return PeakReport.of(options.erpMaxOrdersPerSecond(), refusals, samples, orderQueues,
                TemplateAlarms.read(stack.stack().template(), postingQueue), feedStarted, feedEnded, drained,
                lastDocument);
    }

    /** Once the exporters are quiet: do the accepted deliveries' traces hold together? */
    private DemoSummary.Tracing traceContinuity() throws InterruptedException {
        TraceCollector collector = stack.traceCollector();
        if (!collector.awaitQuiet(SPANS_QUIET, SPANS_PATIENCE)) {
            out.printf("spans were still arriving after %d s; the trace figures count what had come%n",
                    SPANS_PATIENCE.toSeconds());
        }
        if (collector.evictedSpans() > 0) {
            out.printf("the trace collector dropped its %d oldest spans (it keeps %d): hops whose parent went with "
                    + "them count as unlinked%n", collector.evictedSpans(), TraceCollector.DEFAULT_CAPACITY);
        }
        TraceContinuity continuity = TraceContinuity.of(collector.spans());
        if (continuity.unlinkedHops() > 0) {
            out.println("unlinked trace hops (first 5):");
            out.print(TraceCollector.outline(continuity.unlinked().subList(0,
                    (int) Math.min(5, continuity.unlinkedHops()))));
        }
        return new DemoSummary.Tracing(continuity.traces(), continuity.unlinkedHops());
    }

    private void startErpOutage() {
        stack.erp().ifPresent(erp -> {
            SandboxErpFaults faults = erp.faults().withOutage(
                    SandboxErpFaults.Outage.lasting(options.erpOutage(), Instant.now()));
            erp.setFaults(faults);
            out.printf("%n  ERP outage for %d s starts now%n", options.erpOutage().toSeconds());
        });
    }

    private int post(Delivery delivery) {
        HttpRequest request = delivery.request(stack.api().baseUri());
        // A marketplace retries what it was not told was accepted: so does the demo, a few times.
        for (int attempt = 1; ; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 500 || attempt == 5) {
                    return status;
                }
            } catch (IOException e) {
                if (attempt == 5) {
                    return 599;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 599;
            }
            LockSupport.parkNanos(Duration.ofMillis(200L * attempt).toNanos());
        }
    }

    private Instant awaitDrained(ProgressBar progress) throws InterruptedException {
        StackState state = new StackState(stack);
        Instant deadline = Instant.now().plus(options.drainTimeout());
        Instant quietSince = null;
        while (Instant.now().isBefore(deadline)) {
            long depth = state.pipelineDepth();
            progress.show(-1, "draining", depth + " message(s) in the pipeline · " + erpDocumentCount()
                    + " in the ERP");
            if (depth == 0) {
                quietSince = quietSince == null ? Instant.now() : quietSince;
                if (Duration.between(quietSince, Instant.now()).compareTo(QUIET_PERIOD) >= 0) {
                    progress.done();
                    return quietSince;
                }
            } else {
                quietSince = null;
            }
            Thread.sleep(500);
        }
        progress.done();
        out.printf("the pipeline did not drain within %d s; summarising what is there%n",
                options.drainTimeout().toSeconds());
        return Instant.now();
    }

    private long erpDocumentCount() {
        return stack.erp().map(erp -> (long) erp.documents().size()).orElse(0L);
    }

    private DemoSummary summarise(DemoFeed feed, long sent, long accepted, long rejected,
                                  Map<String, Instant> firstAccepted, Instant started, Instant drained,
                                  InventoryDemo inventory, DemoSummary.Tracing tracing, PeakReport peak) {
        StackState state = new StackState(stack);
        List<StackState.OrderStateRow> orders = state.orders();
        Map<String, Long> deadLetters = state.deadLetters();
        List<SandboxSalesOrder> documents = stack.erp().map(SandboxErp::documents).orElse(List.of());

        Map<String, SandboxSalesOrder> documentByReference = new HashMap<>();
        long duplicateDocuments = 0;
        for (SandboxSalesOrder document : documents) {
            if (documentByReference.putIfAbsent(document.externalReference(), document) != null) {
                duplicateDocuments++;
            }
        }
        long erpDuplicateCreates = duplicateDocuments + stack.erp()
                .map(erp -> erp.stats().createRequestsForExistingReference()).orElse(0L);

        Set<String> exceptions = new HashSet<>();
        long posted = 0;
        long duplicatesSuppressed = 0;
        for (StackState.OrderStateRow row : orders) {
            duplicatesSuppressed += row.duplicatesSuppressed();
            if ("POSTED".equals(row.status())) {
                posted++;
            } else if (BUSINESS_EXCEPTION_STATES.contains(row.status())) {
                exceptions.add(row.orderKey());
            }
        }

        List<String> unrecorded = orders.stream()
                .filter(row -> documentByReference.containsKey(row.orderKey()) && !"POSTED".equals(row.status()))
                .map(row -> row.orderKey() + " (" + row.status() + ")")
                .toList();
        if (!unrecorded.isEmpty()) {
            out.println("in the ERP but not recorded as POSTED: " + unrecorded);
        }
        long lost = firstAccepted.keySet().stream()
                .filter(key -> !documentByReference.containsKey(key))
                .filter(key -> !exceptions.contains(key))
                .filter(key -> !deadLetters.containsKey(key))
                .count();
        long stale = 0;
        for (ExpectedErpDocument expected : feed.expectedErpDocuments()) {
            SandboxSalesOrder document = documentByReference.get(expected.externalReference());
            if (document != null && !document.sourceVersion().truncatedTo(ChronoUnit.MILLIS)
                    .equals(expected.sourceVersion().truncatedTo(ChronoUnit.MILLIS))) {
                stale++;
            }
        }

        List<Long> latencies = new ArrayList<>();
        Instant lastCreate = started;
        for (SandboxSalesOrder document : documentByReference.values()) {
            Instant acceptedAt = firstAccepted.get(document.externalReference());
            if (acceptedAt != null) {
                latencies.add(Math.max(0, Duration.between(acceptedAt, document.createdAt()).toMillis()));
            }
            lastCreate = document.createdAt().isAfter(lastCreate) ? document.createdAt() : lastCreate;
        }
        double seconds = Math.max(0.001, Duration.between(started, lastCreate).toMillis() / 1000.0);

        Map<String, Long> coldStarts = new LinkedHashMap<>();
        for (Map.Entry<String, LocalFunction> function : stack.functions().entrySet()) {
            function.getValue().coldStarts().stream().map(ColdStart::toFirstResponse).min(Duration::compareTo)
                    .ifPresent(d -> coldStarts.put(function.getKey(), d.toMillis()));
        }
        return new DemoSummary(sent, accepted, rejected, duplicatesSuppressed, posted,
                stack.erp().map(erp -> erp.stats().creates()).orElse((long) documents.size()), erpDuplicateCreates,
                exceptions.size(), deadLetters.values().stream().mapToLong(Long::longValue).sum(), lost, stale,
                unrecorded.size(),
                Percentile.of(latencies), documentByReference.size() / seconds, coldStarts, inventory.summarise(orders),
                tracing, peak);
    }
}
