package dev.commercesync.runlocal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking a deployment package once, and again only when the zip changed. */
class FunctionCodeTest {

    @TempDir
    Path directory;

    @Test
    void unpacksOnceAndAgainWhenTheZipChanges() throws IOException {
        Path zip = directory.resolve("function.zip");
        Path taskRoot = directory.resolve("functions").resolve("DedupeFunction");
        writeZip(zip, "v1", Instant.parse("2026-11-26T10:00:00Z"));

        FunctionCode.unpack(zip, taskRoot);
        Files.writeString(taskRoot.resolve("marker"), "left by a previous run");
        FunctionCode.unpack(zip, taskRoot);

        assertThat(taskRoot.resolve("dev/Handler.class")).hasContent("v1");
        assertThat(taskRoot.resolve("lib/dependency.jar")).exists();
        assertThat(taskRoot.resolve("marker")).exists();

        writeZip(zip, "v2", Instant.parse("2026-11-26T11:00:00Z"));
        FunctionCode.unpack(zip, taskRoot);

        assertThat(taskRoot.resolve("dev/Handler.class")).hasContent("v2");
        assertThat(taskRoot.resolve("marker")).doesNotExist();
        try (var leftovers = Files.list(taskRoot.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("DedupeFunction", "DedupeFunction.unpacked-from");
        }
    }

    private static void writeZip(Path zip, String version, Instant modified) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("dev/Handler.class"));
            entries.write(version.getBytes(StandardCharsets.UTF_8));
            entries.putNextEntry(new ZipEntry("lib/dependency.jar"));
            entries.write(new byte[] {1});
        }
        Files.setLastModifiedTime(zip, FileTime.from(modified));
    }
}
