package dev.commercesync.runlocal.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsRunBothPipelinesOverTheLadderWithTheLocalConcurrency() {
        BenchOptions o = BenchOptions.parse(List.of());
        assertThat(o.realRun()).isTrue();
        assertThat(o.ceilingRun()).isTrue();
        assertThat(o.rates()).containsExactly(4.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0);
        assertThat(o.templateParameters()).containsEntry("MapMaxConcurrency", "2");
        assertThat(o.json()).isEmpty();
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        BenchOptions o = BenchOptions.parse(List.of("--rates", "20,5,10,5", "--duration-seconds=45",
                "--drain-seconds", "20", "--warm-up-seconds", "0", "--no-ceiling", "--json", "target/b.json",
                "--parameter", "MapMaxConcurrency=4", "--seed=7"));
        assertThat(o.rates()).containsExactly(5.0, 10.0, 20.0);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(o.drain()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.warmUp()).isZero();
        assertThat(o.ceilingRun()).isFalse();
        assertThat(o.json()).contains(Path.of("target/b.json"));
        assertThat(o.templateParameters()).containsEntry("MapMaxConcurrency", "4")
                .containsEntry("DedupeMaxConcurrency", "2");
        assertThat(o.seed()).isEqualTo(7);
    }

    @Test
    void countsTheOrdersOfTheWarmUpAndEveryStep() {
        BenchOptions o = BenchOptions.parse(List.of("--rates", "5,10", "--duration-seconds", "30",
                "--warm-up-seconds", "10"));
        assertThat(o.ordersNeeded()).isEqualTo(50 + 150 + 300);
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--ceiling-only", "--no-ceiling")))
                .hasMessageContaining("nothing to run");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--rates", "0,5"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--duration-seconds"))).hasMessageContaining("value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--parameter", "NoValue")))
                .hasMessageContaining("Name=Value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--orders", "5"))).hasMessageContaining("unknown");
    }
}
