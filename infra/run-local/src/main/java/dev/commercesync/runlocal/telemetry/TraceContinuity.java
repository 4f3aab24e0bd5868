package dev.commercesync.runlocal.telemetry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the order deliveries' traces hold together: one trace per delivery ingest accepted, and no hop in them
 * that points at a span nobody exported.
 *
 * <p>The <em>order chain</em> is every trace begun by an accepted delivery's HTTP SERVER span (ingest's
 * {@code POST /v1/orders/{channel}} answered 202), plus every trace holding a span that links into the chain: a
 * CONSUMER span for a batch of several messages starts a trace of its own, linked to each message's PRODUCER span.
 * A span of the chain is an <em>unlinked hop</em> when
 * <ul>
 *   <li>its parent span id names a span that was never collected (a context injected from a span that was never
 *   exported, or a lost export), or</li>
 *   <li>it is a CONSUMER span with no parent and no link to a collected span (a message whose trace context was
 *   dropped on the way).</li>
 * </ul>
 *
 * @param traces       distinct trace ids of the accepted deliveries' SERVER spans: one per 202, when every
 *                     delivery's span was exported
 * @param unlinkedHops spans of the order chain that are unlinked hops; 0 when every hop is accounted for
 * @param unlinked     those spans, for a report
 */
public record TraceContinuity(long traces, long unlinkedHops, List<CollectedSpan> unlinked) {

    /** Ingest's order route, as a path ({@code url.path}) or as the route template ({@code http.route}). */
    private static final Pattern ORDER_DELIVERY_PATH = Pattern.compile("/v1/orders/[^/]+");

    public TraceContinuity {
        unlinked = List.copyOf(unlinked);
    }

    public static TraceContinuity of(Collection<CollectedSpan> spans) {
        Set<String> collected = new HashSet<>();
        for (CollectedSpan span : spans) {
            collected.add(key(span.traceId(), span.spanId()));
        }
        Set<String> deliveries = new LinkedHashSet<>();
        for (CollectedSpan span : spans) {
            if (isAcceptedOrderDelivery(span)) {
                deliveries.add(span.traceId());
            }
        }
        Set<String> chain = new HashSet<>(deliveries);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (CollectedSpan span : spans) {
                if (!chain.contains(span.traceId())
                        && span.links().stream().anyMatch(link -> chain.contains(link.traceId()))) {
                    grew |= chain.add(span.traceId());
                }
            }
        }
        List<CollectedSpan> unlinked = new ArrayList<>();
        for (CollectedSpan span : spans) {
            if (!chain.contains(span.traceId())) {
                continue;
            }
            boolean parentMissing = span.parentSpanId() != null
                    && !collected.contains(key(span.traceId(), span.parentSpanId()));
            boolean strayConsumer = "CONSUMER".equals(span.kind()) && span.parentSpanId() == null
                    && span.links().stream().noneMatch(link -> collected.contains(key(link.traceId(), link.spanId())));
            if (parentMissing || strayConsumer) {
                unlinked.add(span);
            }
        }
        return new TraceContinuity(deliveries.size(), unlinked.size(), unlinked);
    }

    /**
     * An HTTP SERVER span of {@code POST /v1/orders/{channel}} answered 202. Attribute names of both the current
     * and the older HTTP semantic conventions are read, and the span name when a route attribute is missing.
     */
    static boolean isAcceptedOrderDelivery(CollectedSpan span) {
        if (!"SERVER".equals(span.kind())) {
            return false;
        }
        String status = span.attribute("http.response.status_code", "http.status_code");
        String method = span.attribute("http.request.method", "http.method");
        String path = span.attribute("http.route", "url.path", "http.target");
        if (path == null && span.name().startsWith("POST ")) {
            path = span.name().substring("POST ".length());
            method = method == null ? "POST" : method;
        }
        return "202".equals(status) && "POST".equals(method) && path != null
                && ORDER_DELIVERY_PATH.matcher(stripQuery(path)).matches();
    }

    private static String stripQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static String key(String traceId, String spanId) {
        return traceId + "/" + spanId;
    }
}
