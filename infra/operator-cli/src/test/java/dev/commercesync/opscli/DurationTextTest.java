package dev.commercesync.opscli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @Test
    void readsWhatOperatorsType() {
        assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(DurationText.parse("1w")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationText.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> DurationText.parse("15")).hasMessageContaining("examples: 90s");
        assertThatThrownBy(() -> DurationText.parse("15 m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("m15")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("P")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsTwoUnitsAtMost() {
        assertThat(DurationText.format(Duration.ofSeconds(40))).isEqualTo("40s");
        assertThat(DurationText.format(Duration.ofSeconds(725))).isEqualTo("12m5s");
        assertThat(DurationText.format(Duration.ofHours(76).plusMinutes(3))).isEqualTo("3d4h");
    }
}
