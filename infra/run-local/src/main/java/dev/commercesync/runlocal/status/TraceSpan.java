package dev.commercesync.runlocal.status;

import java.util.List;

/**
 * A finished span as the status page needs it; what the local trace collector keeps, less the attributes.
 *
 * @param parentSpanId null for a root span
 * @param links        span ids this span links to (a batch consumer's span links to every producer)
 */
public record TraceSpan(String traceId, String spanId, String parentSpanId, String name, String kind, String service,
                        long startEpochNanos, long endEpochNanos, List<String> links) {

    public TraceSpan {
        links = links == null ? List.of() : List.copyOf(links);
    }
}
