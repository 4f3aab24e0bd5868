package dev.commercesync.watchdog;

import dev.commercesync.pipeline.orderstate.OrderRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * What one watchdog run found: the invocation's answer, and what its metrics and log lines say.
 *
 * @param ordersStuck           stuck orders over all states
 * @param oldestStuckAgeSeconds age of the oldest of them, 0 when none
 * @param states                one finding per watched state, in {@link StuckRule#of} order
 */
@RegisterForReflection
public record WatchdogReport(Instant checkedAt, long ordersStuck, long oldestStuckAgeSeconds,
                             List<StateFinding> states) {

    /**
     * @param allowedSeconds how long an order may stay in the state
     * @param stuckBefore    orders that last changed state before this are stuck
     * @param count          how many are stuck, all of them counted
     * @param oldest         the oldest of them, at most the report limit, oldest first
     */
    @RegisterForReflection
    public record StateFinding(String state, long allowedSeconds, Instant stuckBefore, long count,
                               long oldestAgeSeconds, List<StuckOrder> oldest) {

        /**
         * @param counted how many the index counted; the list is read separately, so an order that moved in between
         *                may be in one and not the other: the count is never less than what is listed
         */
        public static StateFinding of(StuckRule rule, Instant now, long counted, List<OrderRecord> oldestFirst) {
            List<StuckOrder> oldest = oldestFirst.stream().map(order -> StuckOrder.of(order, now)).toList();
            return new StateFinding(rule.state().name(), rule.allowed().toSeconds(), rule.stuckBefore(now),
                    Math.max(counted, oldest.size()), oldest.isEmpty() ? 0 : oldest.get(0).ageSeconds(), oldest);
        }
    }

    public static WatchdogReport of(Instant checkedAt, List<StateFinding> states) {
        return new WatchdogReport(checkedAt, states.stream().mapToLong(StateFinding::count).sum(),
                states.stream().mapToLong(StateFinding::oldestAgeSeconds).max().orElse(0), List.copyOf(states));
    }
}
