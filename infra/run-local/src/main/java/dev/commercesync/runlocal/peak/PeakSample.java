package dev.commercesync.runlocal.peak;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the stack showed at one instant of a peak, read the way CloudWatch would see it: each queue's attributes, and
 * the order-state index the watchdog counts.
 *
 * @param at                  when it was read
 * @param visible             per queue (logical id, DLQs included): {@code ApproximateNumberOfMessages}
 * @param inFlight            per queue: {@code ApproximateNumberOfMessagesNotVisible} (received, or hidden for a
 *                            retry) plus {@code ApproximateNumberOfMessagesDelayed}
 * @param oldestWaitingForErp how long the oldest order has been {@code PENDING_ERP}: the age of the oldest posting,
 *                            since dedupe queues a posting as it accepts the version; empty when none waits
 * @param stuckWaitingForErp  orders {@code PENDING_ERP} for longer than the template's {@code PendingErpAlarmMinutes}:
 *                            what the watchdog reports as {@code OrdersStuck}
 * @param erpDocuments        documents the ERP holds
 */
public record PeakSample(Instant at, Map<String, Long> visible, Map<String, Long> inFlight,
                         Optional<Duration> oldestWaitingForErp, long stuckWaitingForErp, long erpDocuments) {

    public PeakSample {
        Objects.requireNonNull(at, "at");
        visible = Map.copyOf(visible);
        inFlight = Map.copyOf(inFlight);
        Objects.requireNonNull(oldestWaitingForErp, "oldestWaitingForErp");
    }

    /** Visible plus in flight on one queue: the backlog an operator sees in the console. */
    public long backlog(String queue) {
        return visible.getOrDefault(queue, 0L) + inFlight.getOrDefault(queue, 0L);
    }
}
