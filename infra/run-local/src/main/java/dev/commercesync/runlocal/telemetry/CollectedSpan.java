package dev.commercesync.runlocal.telemetry;

import java.util.List;
import java.util.Map;

/**
 * One span a function exported, as the local collector received it. Ids are lowercase hex as in a
 * {@code traceparent}.
 *
 * @param parentSpanId    null for a root span
 * @param kind            {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER}, {@code INTERNAL} or
 *                        {@code UNSPECIFIED}
 * @param service         the exporting resource's {@code service.name}; null when it named none
 * @param attributes      the span's own attributes (not the resource's), every value as text: arrays as
 *                        {@code [a, b]}, bytes as hex
 */
public record CollectedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
                            String service, long startEpochNanos, long endEpochNanos, Map<String, String> attributes,
                            List<SpanLink> links) {

    public CollectedSpan {
        attributes = Map.copyOf(attributes);
        links = List.copyOf(links);
    }

    public boolean isRoot() {
        return parentSpanId == null;
    }

    /** The attribute under the first of these keys it carries (semantic-convention names changed over versions). */
    public String attribute(String... keys) {
        for (String key : keys) {
            String value = attributes.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
