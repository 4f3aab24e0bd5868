package dev.commercesync.runlocal.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** {@link ScriptedFunction}'s classes alone in a deployment package, in Lambda's zip layout (classes at the root). */
public final class ScriptedFunctionPackage {

    public static final String HANDLER = ScriptedFunction.class.getName() + "::handleRequest";

    private ScriptedFunctionPackage() {
    }

    public static FunctionDefinition definition(Path directory, Duration timeout) {
        return new FunctionDefinition("ScriptedFunction", "ScriptedFunction", HANDLER, zip(directory), timeout, 256,
                Map.of("SCRIPTED_SETTING", "from-template"), Optional.empty(), OptionalInt.empty());
    }

    static Path zip(Path directory) {
        Path zip = directory.resolve("scripted-function.zip");
        try {
            Path classes = Path.of(ScriptedFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String packagePath = ScriptedFunction.class.getPackageName().replace('.', '/');
            List<Path> files;
            try (Stream<Path> all = Files.list(classes.resolve(packagePath))) {
                String name = ScriptedFunction.class.getSimpleName();
                files = all.filter(f -> f.getFileName().toString().equals(name + ".class")
                        || f.getFileName().toString().startsWith(name + "$")).sorted().toList();
            }
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
                for (Path file : files) {
                    entries.putNextEntry(new ZipEntry(packagePath + "/" + file.getFileName()));
                    Files.copy(file, entries);
                    entries.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
