package dev.commercesync.watchdog;

import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as stuck and what the report says, without storage. */
class WatchdogReportTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final StuckRule PENDING = new StuckRule(ProcessingState.PENDING_ERP, Duration.ofMinutes(15));

    @Test
    void watchesWaitingForTheErpInMinutesAndOpenExceptionsInHoursButNeverPostedOrders() {
        List<StuckRule> rules = StuckRule.of(Duration.ofMinutes(15), Duration.ofHours(4));

        assertThat(rules).extracting(StuckRule::state).containsExactly(ProcessingState.PENDING_ERP,
                ProcessingState.MAPPING_FAILED, ProcessingState.ERP_REJECTED);
        assertThat(rules.get(0).stuckBefore(NOW)).isEqualTo(Instant.parse("2026-11-26T11:45:00Z"));
        assertThat(rules.get(2).stuckBefore(NOW)).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
    }

    @Test
    void aStuckOrderShowsItsAgeItsIntakeAndTheTraceOfItsLastTracedStep() {
        OrderRecord order = order("shopify:1", NOW.minus(Duration.ofMinutes(42)), List.of(
                new TimelineEntry(NOW.minusSeconds(3000), "RECEIVED", "corr-1", "trace-received", null),
                new TimelineEntry(NOW.minusSeconds(2900), "ACCEPTED", "corr-1", "trace-accepted", null),
                new TimelineEntry(NOW.minusSeconds(2800), "DUPLICATE_SUPPRESSED", "corr-1", null, null)));

        StuckOrder stuck = StuckOrder.of(order, NOW);

        assertThat(stuck).isEqualTo(new StuckOrder("shopify:1", "PENDING_ERP", NOW.minus(Duration.ofMinutes(42)),
                2520, "corr-1", "trace-accepted"));
    }

    @Test
    void theCountCoversEveryStuckOrderWhileOnlyTheOldestAreListed() {
        WatchdogReport.StateFinding finding = WatchdogReport.StateFinding.of(PENDING, NOW, 1_250, List.of(
                order("ebay:1", NOW.minus(Duration.ofHours(3)), List.of()),
                order("ebay:2", NOW.minus(Duration.ofHours(2)), List.of())));

        assertThat(finding.count()).isEqualTo(1_250);
        assertThat(finding.oldest()).extracting(StuckOrder::orderKey).containsExactly("ebay:1", "ebay:2");
        assertThat(finding.oldestAgeSeconds()).isEqualTo(3 * 3600);
        assertThat(finding.allowedSeconds()).isEqualTo(900);
    }

    @Test
    void anOrderListedButNotYetCountedStillCounts() {
        WatchdogReport.StateFinding finding = WatchdogReport.StateFinding.of(PENDING, NOW, 0,
                List.of(order("ebay:1", NOW.minus(Duration.ofHours(1)), List.of())));

        assertThat(finding.count()).isEqualTo(1);
    }

    @Test
    void theTotalsAddTheStatesAndTakeTheOldestOfAll() {
        WatchdogReport report = WatchdogReport.of(NOW, List.of(
                WatchdogReport.StateFinding.of(PENDING, NOW, 3, List.of(order("a:1", NOW.minusSeconds(1000), List.of()))),
                WatchdogReport.StateFinding.of(new StuckRule(ProcessingState.ERP_REJECTED, Duration.ofHours(4)), NOW,
                        2, List.of(order("a:2", NOW.minusSeconds(20_000), List.of())))));

        assertThat(report.ordersStuck()).isEqualTo(5);
        assertThat(report.oldestStuckAgeSeconds()).isEqualTo(20_000);
    }

    @Test
    void nothingStuckIsAReportOfZeros() {
        WatchdogReport report = WatchdogReport.of(NOW, List.of(WatchdogReport.StateFinding.of(PENDING, NOW, 0,
                List.of())));

        assertThat(report.ordersStuck()).isZero();
        assertThat(report.oldestStuckAgeSeconds()).isZero();
        assertThat(report.states().get(0).oldestAgeSeconds()).isZero();
    }

    private static OrderRecord order(String key, Instant updatedAt, List<TimelineEntry> timeline) {
        return new OrderRecord(key, ProcessingState.PENDING_ERP, 1, null, null, null, "corr-1", null, null, null,
                timeline, List.of(), updatedAt);
    }
}
