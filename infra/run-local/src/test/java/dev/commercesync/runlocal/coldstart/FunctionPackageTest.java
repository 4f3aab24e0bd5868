package dev.commercesync.runlocal.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionPackageTest {

    @Test
    void sizesAPackageAndListsItsBiggestEntries(@TempDir Path directory) throws IOException {
        Path zip = directory.resolve("function.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(file)) {
            entry(entries, "lib/", 0);
            entry(entries, "lib/software.amazon.awssdk.dynamodb.jar", 3000);
            entry(entries, "lib/io.vertx.vertx-core.jar", 2000);
            entry(entries, "lib/small.jar", 10);
            entry(entries, "dev/commercesync/map/MapHandler.class", 500);
        }

        FunctionPackage measured = FunctionPackage.of("MapFunction", Path.of("functions/map/target/function.zip"),
                zip, 2);

        assertThat(measured.zip()).isEqualTo(Path.of("functions/map/target/function.zip").toString());
        assertThat(measured.zipBytes()).isEqualTo(Files.size(zip));
        assertThat(measured.unpackedBytes()).isEqualTo(5510);
        assertThat(measured.jars()).isEqualTo(3);
        assertThat(measured.biggest()).extracting(FunctionPackage.Entry::name)
                .containsExactly("lib/software.amazon.awssdk.dynamodb.jar", "lib/io.vertx.vertx-core.jar");
    }

    private static void entry(ZipOutputStream zip, String name, int bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(new byte[bytes]);
        zip.closeEntry();
    }
}
