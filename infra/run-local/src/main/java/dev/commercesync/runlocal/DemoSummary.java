package dev.commercesync.runlocal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.commercesync.runlocal.peak.PeakReport;

import java.util.Locale;
import java.util.Map;

/**
 * What a demo run did, in the figures an operator checks first. The JSON form ({@code --summary-json}) has exactly
 * these keys.
 *
 * @param sent                 deliveries posted to the HTTP API
 * @param accepted             deliveries answered 202
 * @param rejectedAtIntake     deliveries answered 4xx (malformed bodies)
 * @param duplicatesSuppressed deliveries dedupe acknowledged as exact duplicates
 * @param posted               orders whose state is POSTED with an ERP document
 * @param erpCreates           documents the ERP created
 * @param erpDuplicateCreates  create requests for an order the ERP already held (must be 0)
 * @param businessExceptions   orders ending as a recorded business exception (MAPPING_FAILED, ERP_REJECTED)
 * @param dlq                  messages in dead-letter queues
 * @param lost                 accepted orders that are nowhere: not in the ERP, not an exception, not in a DLQ (must be 0)
 * @param erpStaleVersions     orders whose ERP document is not at the newest version the feed sent (must be 0)
 * @param erpNotRecorded       orders the ERP holds whose state is not POSTED, so they would look stuck (must be 0)
 * @param latencyMs            first acceptance of an order → its ERP document created
 * @param ordersPerSecond      ERP documents per second, first delivery to last create
 * @param coldStartMs          per function: process spawn → first event handled
 * @param inventory            the stock side: figures sent, channel publishes, publish lag and final drift
 * @param tracing              whether each accepted delivery's trace holds together from ingest to the ERP; null when
 *                             spans were not collected
 * @param peak                 with {@code --erp-max-rate}: the backlog over time, the template alarms that would have
 *                             fired and the drain time; null otherwise
 */
@JsonPropertyOrder({"sent", "accepted", "rejectedAtIntake", "duplicatesSuppressed", "posted", "erpCreates",
        "erpDuplicateCreates", "businessExceptions", "dlq", "lost", "erpStaleVersions", "erpNotRecorded", "latencyMs",
        "ordersPerSecond", "coldStartMs", "inventory", "tracing", "peak"})
public record DemoSummary(
        long sent,
        long accepted,
        long rejectedAtIntake,
        long duplicatesSuppressed,
        long posted,
        long erpCreates,
        long erpDuplicateCreates,
        long businessExceptions,
        long dlq,
        long lost,
        long erpStaleVersions,
        long erpNotRecorded,
        Percentiles latencyMs,
        double ordersPerSecond,
        Map<String, Long> coldStartMs,
        Inventory inventory,
        Tracing tracing,
        PeakReport peak) {

    public record Percentiles(long p50, long p95, long p99) {
    }

    public record LagPercentiles(long p50, long p99) {
    }

    /**
     * @param events           stock figures posted to {@code /v1/inventory-events} (repeats and late ones included)
     * @param publishes        quantities the channels applied, all channels
     * @param publishesByChannel the same per channel
     * @param throttledRetries answers that told a publisher to wait (429 / THROTTLED), per channel
     * @param lagMs            figure or hold received → channel confirmed
     * @param drift            listings showing something other than what they should at the end (must be 0)
     */
    @JsonPropertyOrder({"events", "publishes", "publishesByChannel", "throttledRetries", "lagMs", "drift"})
    public record Inventory(long events, long publishes, Map<String, Long> publishesByChannel,
                            Map<String, Long> throttledRetries, LagPercentiles lagMs, long drift) {
    }

    /**
     * The spans the local collector received for the order deliveries, read once the pipeline has drained and the
     * exporters have gone quiet (see {@link dev.commercesync.runlocal.telemetry.TraceContinuity}).
     *
     * @param traces       distinct trace ids of the HTTP SERVER spans of the order deliveries the API accepted (202):
     *                     every delivery starts a trace of its own, so this must equal {@code accepted}
     * @param unlinkedHops spans in those traces, and CONSUMER spans anywhere in the order chain (a batch's span
     *                     starts a trace linked to its messages' producers), whose parent span id names a span that
     *                     was never collected; plus CONSUMER spans with neither a collected parent nor a link to a
     *                     collected span. Each is a hop where the trace context was lost (must be 0)
     */
    @JsonPropertyOrder({"traces", "unlinkedHops"})
    public record Tracing(long traces, long unlinkedHops) {
    }

    /**
     * The run is good when nothing was lost and nothing was created twice or left behind an old version, and every
     * accepted delivery can be followed by its trace from ingest to the ERP. A peak must also leave nothing in a DLQ:
     * an ERP at capacity is a reason to wait, never to give an order up.
     */
    public boolean healthy() {
        return lost == 0 && erpDuplicateCreates == 0 && erpStaleVersions == 0 && erpNotRecorded == 0
                && (peak == null || dlq == 0)
                && (inventory == null || inventory.drift() == 0)
                && (tracing == null || (tracing.unlinkedHops() == 0 && tracing.traces() == accepted));
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        row(out, "sent", sent);
        row(out, "accepted (202)", accepted);
        row(out, "rejected at intake (4xx)", rejectedAtIntake);
        row(out, "duplicates suppressed", duplicatesSuppressed);
        row(out, "posted to the ERP", posted);
        row(out, "ERP creates", erpCreates);
        row(out, "duplicate ERP creates", erpDuplicateCreates, "must be 0");
        row(out, "business exceptions", businessExceptions);
        row(out, "in DLQ", dlq);
        row(out, "lost", lost, "must be 0");
        row(out, "ERP at a stale version", erpStaleVersions, "must be 0");
        row(out, "in the ERP, not POSTED", erpNotRecorded, "must be 0");
        out.append(String.format(Locale.ROOT, "  %-28s p50 %d ms · p95 %d ms · p99 %d ms%n", "order → ERP latency",
                latencyMs.p50(), latencyMs.p95(), latencyMs.p99()));
        out.append(String.format(Locale.ROOT, "  %-28s %.1f orders/s%n", "throughput", ordersPerSecond));
        if (inventory != null) {
            row(out, "stock figures sent", inventory.events());
            inventory.publishesByChannel().forEach((channel, n) -> out.append(String.format(Locale.ROOT,
                    "  %-28s %d (%d throttled answers)%n", "publishes " + channel, n,
                    inventory.throttledRetries().getOrDefault(channel, 0L))));
            out.append(String.format(Locale.ROOT, "  %-28s p50 %d ms · p99 %d ms%n", "stock → channel lag",
                    inventory.lagMs().p50(), inventory.lagMs().p99()));
            row(out, "channel drift at the end", inventory.drift(), "must be 0");
        }
        if (tracing != null) {
            out.append(String.format(Locale.ROOT, "  %-28s %d   (must be %d, one per accepted delivery%s)%n",
                    "order traces", tracing.traces(), accepted, tracing.traces() == accepted ? " ✓" : " ✗"));
            row(out, "unlinked trace hops", tracing.unlinkedHops(), "must be 0");
        }
        coldStartMs.forEach((function, ms) ->
                out.append(String.format(Locale.ROOT, "  %-28s %d ms%n", "cold start " + function, ms)));
        if (peak != null) {
            row(out, "in DLQ after the peak", dlq, "must be 0");
            out.append('\n').append(peak.table());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, long value) {
        out.append(String.format(Locale.ROOT, "  %-28s %d%n", label, value));
    }

    private static void row(StringBuilder out, String label, long value, String rule) {
        out.append(String.format(Locale.ROOT, "  %-28s %d   (%s%s)%n", label, value, rule, value == 0 ? " ✓" : " ✗"));
    }
}
