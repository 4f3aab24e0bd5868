package dev.commercesync.opscli;

import dev.commercesync.localstack.RepositoryRoot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./commerce-ops}: runs the jar this module's shade execution builds, and is shellcheck-clean. */
class LauncherScriptTest {

    private static final Path ROOT = RepositoryRoot.locate();
    private static final Path SCRIPT = ROOT.resolve("commerce-ops");

    @Test
    void runsTheShadedJarAndBuildsItWhenMissing() throws IOException {
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        String pom = Files.readString(ROOT.resolve("infra/operator-cli/pom.xml"), StandardCharsets.UTF_8);

        assertThat(Files.isExecutable(SCRIPT)).isTrue();
        assertThat(pom).contains("<finalName>commerce-ops</finalName>")
                .contains("<mainClass>dev.commercesync.opscli.CommerceOps</mainClass>");
        assertThat(script).contains("jar=\"$root/infra/operator-cli/target/commerce-ops.jar\"")
                .contains("./mvnw -q package -DskipTests -pl infra/operator-cli -am")
                .contains("exec java -jar \"$jar\" \"$@\"");
    }

    @Test
    void isShellcheckClean() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/shellcheck"))
                || Files.isExecutable(Path.of("/usr/local/bin/shellcheck")), "shellcheck is not installed");
        Process shellcheck = new ProcessBuilder("shellcheck", SCRIPT.toString()).redirectErrorStream(true).start();
        String output = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shellcheck.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(shellcheck.exitValue()).isZero();
    }
}
