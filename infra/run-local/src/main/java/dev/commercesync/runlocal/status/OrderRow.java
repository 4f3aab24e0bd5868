package dev.commercesync.runlocal.status;

import java.time.Instant;
import java.util.List;

/**
 * One item of the order-state table, as much of it as the page shows: never the order or the raw payload, which hold
 * buyer data.
 *
 * @param status        a {@link dev.commercesync.model.state.ProcessingState} name, or null if the item has none
 * @param correlationId the intake of the version accepted (or of the failed mapping)
 * @param timeline      oldest first, as stored
 * @param exceptions    oldest first, as stored
 */
public record OrderRow(String orderKey, String status, String correlationId, List<Step> timeline,
                       List<Problem> exceptions) {

    public OrderRow {
        timeline = List.copyOf(timeline);
        exceptions = List.copyOf(exceptions);
    }

    /** A timeline entry; {@code at} is null when the stored one is unreadable. */
    public record Step(Instant at, String step, String correlationId, String traceId, String detail) {
    }

    /** A recorded business exception; its reason is written PII-free by the functions. */
    public record Problem(Instant at, String type, String reason) {
    }
}
