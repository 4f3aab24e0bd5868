package dev.commercesync.runlocal.usage;

import dev.commercesync.runlocal.RunLocalOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./run-local demo --aws-usage}: a flag without a value, off by default. */
class AwsUsageOptionTest {

    @Test
    void isOffUnlessAskedFor() {
        assertThat(RunLocalOptions.parse(List.of("demo", "--orders", "10")).awsUsage()).isFalse();
        RunLocalOptions asked = RunLocalOptions.parse(List.of("demo", "--aws-usage", "--orders", "10"));
        assertThat(asked.awsUsage()).isTrue();
        assertThat(asked.orders()).isEqualTo(10);
        assertThat(RunLocalOptions.help()).contains("--aws-usage");
    }
}
