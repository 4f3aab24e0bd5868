package dev.commercesync.runlocal.status;

import dev.commercesync.runlocal.telemetry.CollectedSpan;
import dev.commercesync.runlocal.telemetry.SpanLink;
import dev.commercesync.runlocal.telemetry.TraceCollector;

import java.util.List;
import java.util.Set;

/** The trace view's spans from the local stack's OTLP collector. */
final class CollectedSpans implements SpanSource {

    private final TraceCollector collector;

    CollectedSpans(TraceCollector collector) {
        this.collector = collector;
    }

    @Override
    public boolean collecting() {
        return true;
    }

    @Override
    public List<TraceSpan> trace(String traceId) {
        return collector.trace(traceId).stream().map(CollectedSpans::view).toList();
    }

    @Override
    public List<TraceSpan> linkingTo(Set<String> spanIds) {
        return collector.spans().stream()
                .filter(span -> span.links().stream().map(SpanLink::spanId).anyMatch(spanIds::contains))
                .map(CollectedSpans::view).toList();
    }

    private static TraceSpan view(CollectedSpan span) {
        return new TraceSpan(span.traceId(), span.spanId(), span.parentSpanId(), span.name(), span.kind(),
                span.service(), span.startEpochNanos(), span.endEpochNanos(),
                span.links().stream().map(SpanLink::spanId).toList());
    }
}
