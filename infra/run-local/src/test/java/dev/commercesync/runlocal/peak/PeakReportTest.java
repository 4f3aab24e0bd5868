package dev.commercesync.runlocal.peak;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The peak's figures from its samples: backlog, longest wait, drain time, alarms over time. */
class PeakReportTest {

    private static final Instant FEED_START = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void backlogGrowsWhileTheFeedOutrunsTheErpThenDrains() {
        // 40 s of samples: the posting queue grows by 2 a second for 20 s, then drains by 2 a second.
        List<PeakSample> samples = new ArrayList<>();
        for (int s = 0; s <= 40; s++) {
            long posting = s <= 20 ? 2L * s : Math.max(0, 40 - 2L * (s - 20));
            Optional<Duration> oldest = posting == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s / 2));
            samples.add(new PeakSample(FEED_START.plusSeconds(s), Map.of("ErpPostingQueue", posting,
                    "ErpPostingDLQ", 0L), Map.of("OrderIntakeQueue", 0L), oldest, 0, s));
        }
        AlarmRule age = new AlarmRule("ErpPostingQueueAgeAlarm", "age", AlarmRule.Comparison.GreaterThanThreshold,
                8, Duration.ofSeconds(5), 1);
        TemplateAlarms.Reading alarms = new TemplateAlarms.Reading(
                List.of(new WatchedAlarm(age, new WatchedAlarm.OldestPostingAge("ErpPostingQueue"))),
                List.of("InventoryLagAlarm"));

        PeakReport report = PeakReport.of(3, 17, samples, List.of("OrderIntakeQueue", "ErpPostingQueue"), alarms,
                FEED_START, FEED_START.plusSeconds(20), FEED_START.plusSeconds(43), FEED_START.plusSeconds(39));

        assertThat(report.maxBacklog()).isEqualTo(40);
        assertThat(report.maxBacklogAtSeconds()).isEqualTo(20);
        assertThat(report.maxWaitingForErpSeconds()).isEqualTo(19);
        assertThat(report.feedSeconds()).isEqualTo(20);
        assertThat(report.drainSeconds()).isEqualTo(23);
        assertThat(report.lastErpDocumentSeconds()).isEqualTo(19);
        PeakReport.AlarmLine line = report.alarms().get(0);
        assertThat(line.firstBreachSeconds()).isEqualTo(18.0);  // s / 2 = 9 > 8 first at s = 18
        assertThat(line.alarmSeconds()).isEqualTo(18.0);
        // The last breach is at 39 s and the samples end at 40 s, before a whole period without one.
        assertThat(line.okSeconds()).isNull();
        // Only the queues that ever held something are shown, a row every 5 s plus the last sample.
        assertThat(report.timeline()).extracting(PeakReport.TimelineRow::atSeconds)
                .containsExactly(0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0);
        assertThat(report.timeline().get(4).backlog()).containsExactly(Map.entry("ErpPostingQueue", 40L));
        assertThat(report.timeline().get(4).inAlarm()).containsExactly("ErpPostingQueueAgeAlarm");
        assertThat(report.timeline().get(0).inAlarm()).isEmpty();
        assertThat(report.table()).contains("ErpPostingQueueAgeAlarm", "ALARM at t = 18 s", "not watched locally: "
                + "InventoryLagAlarm", "at most 3 orders/s (17 calls answered 429");
    }
}
