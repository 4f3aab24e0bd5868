package dev.commercesync.watchdog;

import dev.commercesync.model.state.ProcessingState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long an order may stay in one state. Waiting for the ERP should take minutes (the posting queue retries and
 * the circuit breaker holds postings back for seconds at a time); an exception an operator must handle gets hours.
 * POSTED is where an order ends and is never stuck.
 */
public record StuckRule(ProcessingState state, Duration allowed) {

    public static List<StuckRule> of(Duration pendingErp, Duration openException) {
        return List.of(
                new StuckRule(ProcessingState.PENDING_ERP, pendingErp),
                new StuckRule(ProcessingState.MAPPING_FAILED, openException),
                new StuckRule(ProcessingState.ERP_REJECTED, openException));
    }

    /** An order in {@link #state} that last changed state before this instant is stuck. */
    public Instant stuckBefore(Instant now) {
        return now.minus(allowed);
    }
}
