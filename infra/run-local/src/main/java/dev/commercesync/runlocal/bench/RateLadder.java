package dev.commercesync.runlocal.bench;

import dev.commercesync.runlocal.LocalStack;
import dev.commercesync.runlocal.Percentile;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.esm.MappingStats;
import dev.commercesync.runlocal.esm.SqsEventSourceMapping;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Runs the rate ladder against one started stack: an unmeasured warm-up at the lowest rate, then each rate in turn
 * until one is not sustainable. Each step starts from an empty pipeline (the previous one drained, or the ladder
 * stopped).
 */
final class RateLadder {

    private static final Duration POLL = Duration.ofMillis(500);
    /** The warm-up starts second environments (cold starts under load): it may take this long to drain. */
    private static final Duration WARM_UP_DRAIN = Duration.ofSeconds(120);

    private final LocalStack stack;
    private final Supplier<Map<String, Instant>> erpArrivals;
    private final BenchOptions options;
    private final BenchFeed feed;
    private final PrintStream out;

    /** @param erpArrivals order key → when the ERP had it, as of now */
    RateLadder(LocalStack stack, Supplier<Map<String, Instant>> erpArrivals, BenchOptions options, BenchFeed feed,
               PrintStream out) {
        this.stack = stack;
        this.erpArrivals = erpArrivals;
        this.options = options;
        this.feed = feed;
        this.out = out;
    }

    RunResult run(String pipeline, double stackStartSeconds) throws InterruptedException {
        List<StepResult> steps = new ArrayList<>();
        long accepted = 0;
        try (BacklogSampler sampler = BacklogSampler.start(stack)) {
            OpenLoopLoad load = new OpenLoopLoad(stack.api().baseUri());
            double lowest = options.rates().get(0);
            if (!options.warmUp().isZero()) {
                out.printf("  %s: warm-up, %.0f orders/s for %d s (not measured)%n", pipeline, lowest,
                        options.warmUp().toSeconds());
                StepResult warm = step(sampler, load, lowest, feed.slice(lowest, options.warmUp()),
                        WARM_UP_DRAIN.compareTo(options.drain()) > 0 ? WARM_UP_DRAIN : options.drain());
                accepted += warm.accepted();
                if (!warm.sustainable()) {
                    out.println("  warm-up did not drain: " + warm.verdict());
                }
            }
            for (double rate : options.rates()) {
                StepResult step = step(sampler, load, rate, feed.slice(rate, options.duration()), options.drain());
                steps.add(step);
                accepted += step.accepted();
                out.println("  " + pipeline + ": " + BenchReport.stepLine(step));
                if (!step.sustainable()) {
                    break;
                }
            }
        }
        OptionalDouble highest = SustainableRate.highest(steps.stream()
                .map(s -> new SustainableRate.Rung(s.rate(), s.sustainable())).toList());
        Map<String, MappingStats> sources = new LinkedHashMap<>();
        for (SqsEventSourceMapping mapping : stack.mappings()) {
            sources.put(mapping.definition().name(), mapping.stats());
        }
        return new RunResult(pipeline, steps, highest.isPresent() ? highest.getAsDouble() : null,
                stackStartSeconds, sources, accepted);
    }

    private StepResult step(BacklogSampler sampler, OpenLoopLoad load, double rate, List<Delivery> orders,
                            Duration drain) throws InterruptedException {
        Instant loadStart = Instant.now();
        OpenLoopLoad.Result sent = load.send(orders, rate);
        Instant loadEnd = sent.lastSent();
        List<BacklogSampler.Sample> during = sampler.between(loadStart, loadEnd);

        Instant deadline = loadEnd.plus(drain);
        Map<String, Instant> arrivals = erpArrivals.get();
        double drainSeconds = -1;
        boolean queuesEmpty = false;
        while (true) {
            arrivals = erpArrivals.get();
            if (delivered(sent.acceptedAt(), arrivals) == sent.acceptedAt().size()) {
                queuesEmpty = sampler.sampleNow().total() == 0;
                if (queuesEmpty) {
                    drainSeconds = Math.max(0, Duration.between(loadEnd, Instant.now()).toMillis() / 1000.0);
                    break;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }

        List<Long> latencies = new ArrayList<>();
        Instant firstArrival = null;
        Instant lastArrival = null;
        for (Map.Entry<String, Instant> order : sent.acceptedAt().entrySet()) {
            Instant arrived = arrivals.get(order.getKey());
            if (arrived == null) {
                continue;
            }
            latencies.add(Math.max(0, Duration.between(order.getValue(), arrived).toMillis()));
            firstArrival = firstArrival == null || arrived.isBefore(firstArrival) ? arrived : firstArrival;
            lastArrival = lastArrival == null || arrived.isAfter(lastArrival) ? arrived : lastArrival;
        }
        // Arrivals per second between the first and the last: the rate itself when it was held, else the capacity.
        double throughput = latencies.size() < 2 ? 0 : (latencies.size() - 1)
                / Math.max(0.001, Duration.between(firstArrival, lastArrival).toMillis() / 1000.0);
        List<Long> backlog = during.stream().map(BacklogSampler.Sample::total).toList();
        SustainableRate.Verdict verdict = SustainableRate.judge(rate, backlog, sent.sent(), sent.acceptedAt().size(),
                latencies.size(), queuesEmpty);
        Map<String, Long> atLoadEnd = during.isEmpty() ? Map.of() : during.get(during.size() - 1).byQueue();
        return new StepResult(rate, sent.sent(), sent.acceptedAt().size(), latencies.size(), Percentile.of(latencies),
                Percentile.of(sent.answerMs()), throughput, backlog.stream().mapToLong(Long::longValue).max().orElse(0), verdict.growth(), atLoadEnd,
                drainSeconds, sent.lateness().toMillis(), verdict.sustainable(), verdict.reason());
    }

    private static long delivered(Map<String, Instant> accepted, Map<String, Instant> arrivals) {
        return accepted.keySet().stream().filter(arrivals::containsKey).count();
    }
}
