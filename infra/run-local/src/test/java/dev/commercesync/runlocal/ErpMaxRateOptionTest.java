package dev.commercesync.runlocal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --erp-max-rate}: the sandbox ERP's cap for an ERP-bound peak. */
class ErpMaxRateOptionTest {

    @Test
    void noCapUnlessAsked() {
        assertThat(RunLocalOptions.parse(List.of("demo")).erpMaxOrdersPerSecond()).isZero();
        assertThat(RunLocal.settings(RunLocalOptions.defaults()).erpFaults().maxOrdersPerSecond()).isZero();
    }

    @Test
    void theCapReachesTheSandboxErp() {
        RunLocalOptions options = RunLocalOptions.parse(List.of("demo", "--erp-max-rate", "3", "--rate=10"));

        assertThat(options.erpMaxOrdersPerSecond()).isEqualTo(3);
        assertThat(options.ratePerSecond()).isEqualTo(10);
        assertThat(RunLocal.settings(options).erpFaults().maxOrdersPerSecond()).isEqualTo(3);
    }

    @Test
    void aCapMustBePositive() {
        assertThatThrownBy(() -> RunLocalOptions.parse(List.of("--erp-max-rate", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--erp-max-rate");
    }
}
