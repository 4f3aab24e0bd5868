package dev.commercesync.runlocal.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SustainableRateTest {

    /** A saw-tooth around 20 messages: the batching windows, not growth. */
    private static final List<Long> STEADY = List.of(0L, 12L, 25L, 18L, 22L, 15L, 24L, 19L, 21L, 17L, 23L, 20L);

    @Test
    void aSteadySawToothWithEverythingDeliveredIsSustained() {
        SustainableRate.Verdict verdict = SustainableRate.judge(10, STEADY, 300, 300, 300, true);
        assertThat(verdict.sustainable()).isTrue();
        assertThat(verdict.reason()).isEqualTo("sustained");
    }

    @Test
    void aBacklogGrowingByMoreThanOneSecondOfArrivalsIsNot() {
        List<Long> growing = List.of(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L, 50L, 55L);
        assertThat(SustainableRate.growth(growing)).isEqualTo(20);
        SustainableRate.Verdict verdict = SustainableRate.judge(10, growing, 300, 300, 300, true);
        assertThat(verdict.sustainable()).isFalse();
        assertThat(verdict.reason()).contains("backlog grew by 20 messages").contains("allowed 10");
    }

    @Test
    void growthWithinOneSecondOfArrivalsIsAllowedAndNeverLessThanFive() {
        assertThat(SustainableRate.allowedGrowth(2)).isEqualTo(5);
        assertThat(SustainableRate.allowedGrowth(40)).isEqualTo(40);
        List<Long> slight = List.of(0L, 0L, 0L, 10L, 10L, 10L, 14L, 14L, 14L);
        assertThat(SustainableRate.judge(5, slight, 10, 10, 10, true).sustainable()).isTrue();
    }

    @Test
    void ordersMissingAtTheErpRefusedByIngestOrQueuesNotEmptiedFailTheStep() {
        assertThat(SustainableRate.judge(10, STEADY, 300, 300, 290, true).reason())
                .isEqualTo("10 of 300 orders not in the ERP by the end of the drain");
        assertThat(SustainableRate.judge(10, STEADY, 300, 297, 297, true).reason())
                .isEqualTo("3 of 300 orders not accepted by ingest");
        assertThat(SustainableRate.judge(10, STEADY, 300, 300, 300, false).reason())
                .isEqualTo("queues not empty by the end of the drain");
    }

    @Test
    void tooFewSamplesCannotShowGrowth() {
        assertThat(SustainableRate.growth(List.of(1L, 50L))).isZero();
    }

    @Test
    void theSustainableRateIsTheHighestRungBelowTheFirstFailure() {
        assertThat(SustainableRate.highest(List.of(new SustainableRate.Rung(20, true),
                new SustainableRate.Rung(5, true), new SustainableRate.Rung(10, true),
                new SustainableRate.Rung(30, false), new SustainableRate.Rung(40, true))))
                .hasValue(20);
        assertThat(SustainableRate.highest(List.of(new SustainableRate.Rung(5, false)))).isEmpty();
    }
}
