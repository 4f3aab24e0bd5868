package dev.commercesync.runlocal.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commercesync.runlocal.coldstart.ColdStartOptions.Cache;
import dev.commercesync.runlocal.coldstart.ColdStartOptions.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmSetupTest {

    private static final Path ARCHIVE = Path.of("/state/archives/MapFunction.x");

    @Test
    void jdk17TrainsAndMapsADynamicAppCdsArchive() {
        JvmSetup setup = new JvmSetup(Jdk.JDK_17, Cache.ON, Path.of("/jdk17"), "17.0.15");

        assertThat(setup.label()).isEqualTo("JDK 17 + AppCDS");
        assertThat(setup.archiveFileName("MapFunction")).isEqualTo("MapFunction.jsa");
        assertThat(setup.trainingOptions(ARCHIVE)).containsExactly("-XX:ArchiveClassesAtExit=" + ARCHIVE);
        assertThat(setup.measuredOptions(ARCHIVE))
                .containsExactly("-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:on");
    }

    @Test
    void jdk25TrainsAndDemandsAnAotCache() {
        JvmSetup setup = new JvmSetup(Jdk.JDK_25, Cache.ON, Path.of("/jdk25"), "25.0.1");

        assertThat(setup.label()).isEqualTo("JDK 25 + AOT cache");
        assertThat(setup.archiveFileName("MapFunction")).isEqualTo("MapFunction.aot");
        assertThat(setup.trainingOptions(ARCHIVE)).containsExactly("-XX:AOTCacheOutput=" + ARCHIVE);
        assertThat(setup.measuredOptions(ARCHIVE)).containsExactly("-XX:AOTCache=" + ARCHIVE, "-XX:AOTMode=on");
    }

    @Test
    void withoutACacheThereIsNoTrainingAndNoOption() {
        JvmSetup setup = new JvmSetup(Jdk.JDK_25, Cache.NONE, Path.of("/jdk25"), "25");

        assertThat(setup.label()).isEqualTo("JDK 25");
        assertThat(setup.needsTraining()).isFalse();
        assertThat(setup.measuredOptions(ARCHIVE)).isEmpty();
        assertThatThrownBy(() -> setup.trainingOptions(ARCHIVE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void archiveOptionsFollowTheTemplatesJavaToolOptions() {
        assertThat(JvmSetup.javaToolOptions(Optional.of("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"),
                List.of("-XX:AOTCache=/a.aot", "-XX:AOTMode=on")))
                .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:AOTCache=/a.aot -XX:AOTMode=on");
        assertThat(JvmSetup.javaToolOptions(Optional.empty(), List.of())).isEmpty();
    }

    @Test
    void readsTheJdksVersionFromItsReleaseFile(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");

        JvmSetup setup = JvmSetup.of(Jdk.JDK_25, Cache.NONE, home);

        assertThat(setup.version()).isEqualTo("25.0.1");
        assertThat(setup.javaExecutable()).isEqualTo(home.resolve("bin").resolve("java"));
        assertThatThrownBy(() -> JvmSetup.of(Jdk.JDK_17, Cache.NONE, home))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 17");
    }

    @Test
    void knowsTheFeatureReleaseOfEveryVersionScheme() {
        assertThat(JvmSetup.featureOf("17.0.15")).isEqualTo(17);
        assertThat(JvmSetup.featureOf("25")).isEqualTo(25);
        assertThat(JvmSetup.featureOf("21-ea")).isEqualTo(21);
        assertThat(JvmSetup.featureOf("1.8.0_402")).isEqualTo(8);
    }
}
