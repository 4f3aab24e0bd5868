package dev.commercesync.watchdog;

import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One stuck order as the report and its log line show it: identifiers only, never order content.
 *
 * @param since         when the order entered its state (its last change of state)
 * @param correlationId the intake the order's state belongs to
 * @param traceId       the trace of its last traced step, to open where it stopped
 */
@RegisterForReflection
public record StuckOrder(String orderKey, String state, Instant since, long ageSeconds, String correlationId,
                         String traceId) {

    public static StuckOrder of(OrderRecord order, Instant now) {
        Instant since = order.updatedAt();
        return new StuckOrder(order.orderKey(), String.valueOf(order.status()), since,
                since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds()), order.correlationId(),
                lastTraceId(order.timeline()));
    }

    private static String lastTraceId(List<TimelineEntry> timeline) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            String traceId = timeline.get(i).traceId();
            if (traceId != null && !traceId.isBlank()) {
                return traceId;
            }
        }
        return null;
    }
}
