package dev.commercesync.pipeline.orderstate;

import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.pipeline.tracing.MessageTracing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Timeline entries for one step of an order, stamped with the event's correlation id and the current trace. */
public final class Timeline {

    private Timeline() {
    }

    /** This step alone. */
    public static TimelineEntry entry(EventEnvelope<?> event, String step, String detail) {
        return new TimelineEntry(Instant.now(), step, event.correlationId(), MessageTracing.currentTraceId(), detail);
    }

    /** The steps the event carried since the last state write, then this one: what the next state write appends. */
    public static List<TimelineEntry> trailThen(EventEnvelope<?> event, String step, String detail) {
        List<TimelineEntry> entries = new ArrayList<>(event.trail().size() + 1);
        entries.addAll(event.trail());
        entries.add(entry(event, step, detail));
        return entries;
    }
}
