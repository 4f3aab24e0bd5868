package dev.commercesync.runlocal.peak;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a template alarm is judged against a peak's samples: Maximum over sliding periods, as CloudWatch would. */
class AlarmRuleTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private static AlarmRule.Sample at(int second, double value) {
        return new AlarmRule.Sample(T0.plusSeconds(second), value);
    }

    /** A value per second, starting at T0. */
    private static List<AlarmRule.Sample> series(double... values) {
        List<AlarmRule.Sample> samples = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            samples.add(at(i, values[i]));
        }
        return samples;
    }

    private static AlarmRule ageAlarm(double threshold, int periodSeconds, int evaluationPeriods) {
        return new AlarmRule("ErpPostingQueueAgeAlarm", "age", AlarmRule.Comparison.GreaterThanThreshold,
                threshold, Duration.ofSeconds(periodSeconds), evaluationPeriods);
    }

    @Test
    void firesAtTheFirstSampleBeyondTheThresholdAndClearsAPeriodAfterTheLastOne() {
        AlarmRule.Verdict verdict = ageAlarm(60, 10, 1).evaluate(series(0, 30, 60, 61, 90, 40, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0));

        assertThat(verdict.firstBreach()).hasValue(T0.plusSeconds(3));
        assertThat(verdict.alarmAt()).hasValue(T0.plusSeconds(3));
        // The period (t-10 s, t] last holds the 90 of second 4 at t = 13 s; at 14 s it holds no breaching sample.
        assertThat(verdict.okAt()).hasValue(T0.plusSeconds(14));
        assertThat(verdict.peak()).isEqualTo(90);
    }

    @Test
    void aValueEqualToTheThresholdDoesNotBreachAGreaterThanAlarm() {
        AlarmRule.Verdict verdict = ageAlarm(60, 10, 1).evaluate(series(60, 60, 60));

        assertThat(verdict.fired()).isFalse();
        assertThat(verdict.firstBreach()).isEmpty();
        assertThat(new AlarmRule("dlq", "visible", AlarmRule.Comparison.GreaterThanOrEqualToThreshold, 60,
                Duration.ofSeconds(10), 1).evaluate(series(60)).fired()).isTrue();
    }

    @Test
    void severalEvaluationPeriodsNeedEachOfThemToBreach() {
        // Periods of 5 s, two of them: a single spike is not enough, a breach lasting over 5 s is.
        AlarmRule rule = ageAlarm(0, 5, 2);

        assertThat(rule.evaluate(series(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)).fired()).isFalse();
        AlarmRule.Verdict lasting = rule.evaluate(series(0, 0, 1, 1, 1, 1, 1, 1, 1, 0));
        assertThat(lasting.firstBreach()).hasValue(T0.plusSeconds(2));
        // At t = 7 s the periods (2, 7] and (-3, 2] both hold a 1.
        assertThat(lasting.alarmAt()).hasValue(T0.plusSeconds(7));
        assertThat(lasting.okAt()).isEmpty();
    }

    @Test
    void anAlarmStillBreachingAtTheEndHasNoOkTime() {
        AlarmRule.Verdict verdict = ageAlarm(1, 300, 1).evaluate(series(0, 2, 0, 0));

        assertThat(verdict.alarmAt()).hasValue(T0.plusSeconds(1));
        assertThat(verdict.okAt()).isEmpty();
    }

    @Test
    void noSamplesNoAlarm() {
        AlarmRule.Verdict verdict = ageAlarm(0, 60, 1).evaluate(List.of());

        assertThat(verdict.fired()).isFalse();
        assertThat(verdict.peak()).isNaN();
    }
}
