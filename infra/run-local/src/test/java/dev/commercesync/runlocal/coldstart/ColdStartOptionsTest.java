package dev.commercesync.runlocal.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commercesync.runlocal.coldstart.ColdStartOptions.Cache;
import dev.commercesync.runlocal.coldstart.ColdStartOptions.Jdk;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColdStartOptionsTest {

    @Test
    void defaultsMeasureEveryFunctionOnBothJdksWithAndWithoutACache() {
        ColdStartOptions options = ColdStartOptions.parse(List.of());

        assertThat(options.functions()).isEmpty();
        assertThat(options.runs()).isEqualTo(ColdStartOptions.DEFAULT_RUNS);
        assertThat(options.jdks()).containsExactly(Jdk.JDK_17, Jdk.JDK_25);
        assertThat(options.caches()).containsExactly(Cache.NONE, Cache.ON);
        assertThat(options.json()).isEmpty();
        assertThat(options.selects("WatchdogFunction")).isTrue();
    }

    @Test
    void parsesEveryOptionInBothSpellings() {
        ColdStartOptions options = ColdStartOptions.parse(List.of("--functions", "map, post-to-erp", "--runs=3",
                "--jdk", "25", "--cache=on", "--json", "target/cold.json", "--jdk25-home", "/opt/jdk25",
                "--jdk17-home=/opt/jdk17"));

        assertThat(options.functions()).containsExactly("map", "post-to-erp");
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.jdks()).containsExactly(Jdk.JDK_25);
        assertThat(options.caches()).containsExactly(Cache.ON);
        assertThat(options.json()).isEqualTo(Optional.of(Path.of("target/cold.json")));
        assertThat(options.jdk25Home()).isEqualTo(Path.of("/opt/jdk25"));
        assertThat(options.jdk17Home()).isEqualTo(Path.of("/opt/jdk17"));
        assertThat(options.helpRequested()).isFalse();
    }

    @Test
    void aFunctionMayBeNamedByItsDirectoryOrItsLogicalId() {
        ColdStartOptions options = ColdStartOptions.parse(List.of("--functions", "post-to-erp,OperatorApi,"
                + "inventory-drift-repair"));

        assertThat(options.selects("PostToErpFunction")).isTrue();
        assertThat(options.selects("OperatorApiFunction")).isTrue();
        assertThat(options.selects("InventoryDriftRepairFunction")).isTrue();
        assertThat(options.selects("PublishInventoryFunction")).isFalse();
        assertThat(options.selects("MapFunction")).isFalse();
    }

    @Test
    void refusesWhatItCannotMeasure() {
        assertThatThrownBy(() -> ColdStartOptions.parse(List.of("--runs", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--runs");
        assertThatThrownBy(() -> ColdStartOptions.parse(List.of("--jdk", "21")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("17, 25 or both");
        assertThatThrownBy(() -> ColdStartOptions.parse(List.of("--cache", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none, on or both");
        assertThatThrownBy(() -> ColdStartOptions.parse(List.of("--functions", ",")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ColdStartOptions.parse(List.of("--runs")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ColdStartOptions.parse(List.of("--rate", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --rate");
    }

    @Test
    void helpIsAFlagOfItsOwn() {
        assertThat(ColdStartOptions.parse(List.of("--help")).helpRequested()).isTrue();
        assertThat(ColdStartOptions.usage()).contains("--functions", "--runs", "--jdk", "--cache", "--json");
    }
}
