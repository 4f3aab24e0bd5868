package dev.commercesync.runlocal.usage;

import dev.commercesync.runlocal.esm.SqsPollerCalls;
import dev.commercesync.runlocal.lambda.InvocationStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a running stack has counted that AWS would bill, at one moment; two of them give a window
 * ({@link #minus}), e.g. a benchmark's measured phase without its warm-up.
 *
 * @param sdkCalls    function → {@code Service.Operation} → what its processes' SDK clients did (summed over them)
 * @param pollers     one entry per event source mapping: the SQS calls Lambda's pollers make
 * @param invocations function → invocations and billed milliseconds
 * @param memoryMb    function → the template's {@code MemorySize}
 * @param routes      one entry per HTTP API route that was requested
 */
public record UsageSnapshot(Map<String, Map<String, OperationCounts>> sdkCalls, List<Poller> pollers,
                            Map<String, InvocationStats> invocations, Map<String, Integer> memoryMb,
                            List<Route> routes) {

    /** An event source mapping's calls; {@code fifo} prices them as FIFO requests. */
    public record Poller(String function, String queue, boolean fifo, SqsPollerCalls calls) {
    }

    public record Route(String routeKey, String function, long requests) {
    }

    public UsageSnapshot {
        sdkCalls = Map.copyOf(sdkCalls);
        pollers = List.copyOf(pollers);
        invocations = Map.copyOf(invocations);
        memoryMb = Map.copyOf(memoryMb);
        routes = List.copyOf(routes);
    }

    /** Adds up the processes of each function. */
    static Map<String, Map<String, OperationCounts>> byFunction(List<FunctionCallCounts> processes) {
        Map<String, Map<String, OperationCounts>> sums = new TreeMap<>();
        for (FunctionCallCounts process : processes) {
            Map<String, OperationCounts> sum = sums.computeIfAbsent(process.function(), f -> new TreeMap<>());
            process.operations().forEach((operation, counts) -> sum.merge(operation, counts, OperationCounts::plus));
        }
        return sums;
    }

    /** What happened between {@code earlier} and this snapshot. */
    public UsageSnapshot minus(UsageSnapshot earlier) {
        Map<String, Map<String, OperationCounts>> calls = new TreeMap<>();
        sdkCalls.forEach((function, operations) -> {
            Map<String, OperationCounts> before = earlier.sdkCalls.getOrDefault(function, Map.of());
            Map<String, OperationCounts> delta = new TreeMap<>();
            operations.forEach((operation, counts) -> delta.put(operation,
                    counts.minus(before.getOrDefault(operation, OperationCounts.NONE))));
            calls.put(function, delta);
        });
        Map<String, SqsPollerCalls> pollersBefore = new HashMap<>();
        earlier.pollers.forEach(p -> pollersBefore.put(p.function() + "|" + p.queue(), p.calls()));
        List<Poller> pollerDelta = pollers.stream().map(p -> new Poller(p.function(), p.queue(), p.fifo(),
                p.calls().minus(pollersBefore.getOrDefault(p.function() + "|" + p.queue(), SqsPollerCalls.NONE))))
                .toList();
        Map<String, InvocationStats> invocationDelta = new TreeMap<>();
        invocations.forEach((function, stats) -> invocationDelta.put(function,
                stats.minus(earlier.invocations.getOrDefault(function, new InvocationStats(0, 0)))));
        Map<String, Long> routesBefore = new HashMap<>();
        earlier.routes.forEach(r -> routesBefore.put(r.routeKey(), r.requests()));
        List<Route> routeDelta = routes.stream().map(r -> new Route(r.routeKey(), r.function(),
                r.requests() - routesBefore.getOrDefault(r.routeKey(), 0L))).toList();
        return new UsageSnapshot(calls, pollerDelta, invocationDelta, memoryMb, routeDelta);
    }
}
