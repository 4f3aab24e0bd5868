package dev.commercesync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEmulatorsTest {

    @Test
    void closingStopsTheChildProcess() throws Exception {
        RunningEmulators emulators = LocalEmulators.start(RepositoryRoot.locate());
        long pid = emulators.pid();
        assertThat(ProcessHandle.of(pid)).get().extracting(ProcessHandle::isAlive).isEqualTo(true);

        emulators.close();

        assertThat(emulators.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(emulators.startupTime()).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void saysHowToBuildTheEmulatorsWhenTheyAreMissing(@TempDir Path notARepository) {
        assertThatThrownBy(() -> LocalEmulators.start(notARepository, Optional.empty()))
                .hasMessageContaining("./mvnw install -pl infra/emulators");
    }

    @Test
    void acceptsOnlyLoopbackEndpoints() {
        assertThat(LocalEmulators.parseReady("READY dynamodb=http://127.0.0.1:1 sqs=http://127.0.0.1:2"))
                .containsKeys("dynamodb", "sqs");
        assertThatThrownBy(() -> LocalEmulators.parseReady("READY dynamodb=http://0.0.0.0:1 sqs=http://127.0.0.1:2"))
                .hasMessageContaining("unexpected READY line");
    }
}
