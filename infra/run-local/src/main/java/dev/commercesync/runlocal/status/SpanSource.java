package dev.commercesync.runlocal.status;

import java.util.List;
import java.util.Set;

/** Where the trace view finds spans: the local stack's trace collector, or nothing when it has none. */
public interface SpanSource {

    /** Whether spans are collected at all; false makes the page say so instead of showing an empty waterfall. */
    boolean collecting();

    /** Every span of the trace, in no particular order. */
    List<TraceSpan> trace(String traceId);

    /** Spans of any trace that link to one of these spans. */
    List<TraceSpan> linkingTo(Set<String> spanIds);

    static SpanSource none() {
        return new SpanSource() {
            @Override
            public boolean collecting() {
                return false;
            }

            @Override
            public List<TraceSpan> trace(String traceId) {
                return List.of();
            }

            @Override
            public List<TraceSpan> linkingTo(Set<String> spanIds) {
                return List.of();
            }
        };
    }
}
