package dev.commercesync.runlocal.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One order's way through the stack: its timeline, and the spans of the traces its timeline names laid out as a
 * waterfall. A batch consumer starts a trace of its own that links to the producers; those traces are shown too,
 * since that is where the order's record was processed.
 *
 * @param orderKey  {@code shopify:5823416025378}
 * @param found     whether the order-state table has the order
 * @param status    its state, null if not found
 * @param traceIds  the traces its timeline names, in timeline order
 * @param totalMs   from the first span's start to the last span's end
 * @param spans     parents before children, siblings by start
 * @param note      why there are no spans, if there are none
 */
public record TraceView(String orderKey, boolean found, String status, List<Step> steps, List<String> traceIds,
                        double totalMs, List<Span> spans, String note) {

    /** A timeline entry; {@code at} ISO-8601 UTC. */
    public record Step(String at, String step, String detail, String traceId, String correlationId) {
    }

    /**
     * A waterfall row.
     *
     * @param parentName    the parent span's name, null for a root or a parent not collected
     * @param startOffsetMs from the first span's start
     * @param depth         0 for a root
     */
    public record Span(String traceId, String spanId, String parentSpanId, String parentName, String name, String kind,
                       String service, double startOffsetMs, double durationMs, int depth) {
    }

    /**
     * The order key for {@code shopify/5823416025378} (what the page's {@code ?order=} takes, the API's path form) or
     * {@code shopify:5823416025378}; empty for anything else.
     */
    public static Optional<String> orderKey(String asked) {
        if (asked == null) {
            return Optional.empty();
        }
        String text = asked.strip();
        int slash = text.indexOf('/');
        int colon = text.indexOf(':');
        int split = slash > 0 ? slash : colon;
        if (split <= 0 || split == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(text.substring(0, split) + ":" + text.substring(split + 1));
    }

    public static TraceView of(String orderKey, Optional<OrderRow> order, SpanSource source) {
        if (order.isEmpty()) {
            return new TraceView(orderKey, false, null, List.of(), List.of(), 0, List.of(),
                    "no order " + orderKey + " in the order-state table");
        }
        List<Step> steps = new ArrayList<>();
        Set<String> traceIds = new LinkedHashSet<>();
        for (OrderRow.Step step : order.get().timeline()) {
            steps.add(new Step(step.at() == null ? null : step.at().toString(), step.step(), step.detail(),
                    step.traceId(), step.correlationId()));
            if (step.traceId() != null && !step.traceId().isBlank()) {
                traceIds.add(step.traceId());
            }
        }
        List<TraceSpan> collected = collect(traceIds, source);
        String note = null;
        if (!source.collecting()) {
            note = "this stack collects no spans";
        } else if (traceIds.isEmpty()) {
            note = "the order's timeline names no trace";
        } else if (collected.isEmpty()) {
            note = "no spans collected for these traces (yet)";
        }
        long start = collected.stream().mapToLong(TraceSpan::startEpochNanos).min().orElse(0);
        long end = collected.stream().mapToLong(TraceSpan::endEpochNanos).max().orElse(0);
        return new TraceView(orderKey, true, order.get().status(), List.copyOf(steps), List.copyOf(traceIds),
                millis(end - start), waterfall(collected, start), note);
    }

    private static List<TraceSpan> collect(Set<String> traceIds, SpanSource source) {
        Map<String, TraceSpan> byId = new LinkedHashMap<>();
        traceIds.forEach(id -> source.trace(id).forEach(s -> byId.putIfAbsent(s.spanId(), s)));
        Set<String> linkingTraces = new LinkedHashSet<>();
        source.linkingTo(new HashSet<>(byId.keySet())).forEach(s -> {
            if (!traceIds.contains(s.traceId())) {
                linkingTraces.add(s.traceId());
            }
        });
        linkingTraces.forEach(id -> source.trace(id).forEach(s -> byId.putIfAbsent(s.spanId(), s)));
        return List.copyOf(byId.values());
    }

    /** Depth-first from the roots, so each span sits under its parent. */
    private static List<Span> waterfall(List<TraceSpan> spans, long start) {
        Map<String, TraceSpan> byId = new HashMap<>();
        spans.forEach(s -> byId.put(s.spanId(), s));
        Map<String, List<TraceSpan>> children = new HashMap<>();
        List<TraceSpan> roots = new ArrayList<>();
        for (TraceSpan span : spans) {
            if (span.parentSpanId() != null && byId.containsKey(span.parentSpanId())
                    && !span.parentSpanId().equals(span.spanId())) {
                children.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        Comparator<TraceSpan> byStart = Comparator.comparingLong(TraceSpan::startEpochNanos)
                .thenComparing(TraceSpan::spanId);
        roots.sort(byStart);
        children.values().forEach(list -> list.sort(byStart));
        List<Span> rows = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (TraceSpan root : roots) {
            place(root, 0, start, byId, children, rows, placed);
        }
        return List.copyOf(rows);
    }

    private static void place(TraceSpan span, int depth, long start, Map<String, TraceSpan> byId,
                              Map<String, List<TraceSpan>> children, List<Span> rows, Set<String> placed) {
        if (!placed.add(span.spanId())) {
            return;
        }
        TraceSpan parent = span.parentSpanId() == null ? null : byId.get(span.parentSpanId());
        rows.add(new Span(span.traceId(), span.spanId(), span.parentSpanId(), parent == null ? null : parent.name(),
                span.name(), span.kind(), span.service(), millis(span.startEpochNanos() - start),
                millis(span.endEpochNanos() - span.startEpochNanos()), depth));
        for (TraceSpan child : children.getOrDefault(span.spanId(), List.of())) {
            place(child, depth + 1, start, byId, children, rows, placed);
        }
    }

    /** Milliseconds to a tenth. */
    private static double millis(long nanos) {
        return Math.round(Math.max(0, nanos) / 100_000.0) / 10.0;
    }
}
