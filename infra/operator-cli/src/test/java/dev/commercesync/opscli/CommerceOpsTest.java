package dev.commercesync.opscli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit statuses and option handling that need no emulator. */
class CommerceOpsTest {

    private String out;
    private String err;

    @Test
    void helpListsTheCommandsAndTheExitStatuses() {
        assertThat(run("--help")).isZero();
        assertThat(out).contains("dlq", "exceptions", "order", "audit", "Exit status:", "4  AWS/emulators unusable");
        assertThat(run("dlq", "redrive", "--help")).isZero();
        assertThat(out).contains("DRY RUN", "--execute", "--reason", "ERRORS: a DLQ message carries no error text");
    }

    @Test
    void badUsageIsTwoAndChangesNothing() {
        assertThat(run("dlq", "list", "--no-such-option")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("dlq", "redrive", "SomeDLQ", "--dry-run", "--execute", "--reason", "x",
                "--endpoint", "http://127.0.0.1:1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("exclude each other");
        assertThat(run("dlq", "show", "SomeDLQ", "--older-than", "soon", "--endpoint", "http://127.0.0.1:1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--older-than");
        assertThat(run("dlq", "list", "--endpoint", "http://127.0.0.1:1", "--profile", "prod"))
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anUnreachableEndpointIsFour() {
        assertThat(run("dlq", "list", "--sqs-endpoint", "http://127.0.0.1:1", "--dynamodb-endpoint",
                "http://127.0.0.1:1")).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err).contains("cannot reach AWS");
    }

    @Test
    void theEndpointFileNamesBothEmulators(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("endpoints.properties");
        Files.writeString(file, "sqs=http://127.0.0.1:1\n");
        assertThat(run("dlq", "list", "--endpoint-file", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("names no 'dynamodb' endpoint");

        Files.writeString(file, "sqs=http://127.0.0.1:1\ndynamodb=http://127.0.0.1:2\n");
        assertThat(EndpointFile.read(file)).satisfies(t -> {
            assertThat(t.local()).isTrue();
            assertThat(t.sqsEndpoint()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(1));
            assertThat(t.dynamoDbEndpoint()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(2));
        });
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int exit = CommerceOps.run(args, new PrintWriter(o, true), new PrintWriter(e, true), Map.of());
        out = o.toString();
        err = e.toString();
        return exit;
    }
}
