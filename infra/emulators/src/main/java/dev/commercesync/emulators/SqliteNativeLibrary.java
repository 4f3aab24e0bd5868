package dev.commercesync.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The sqlite4java native library DynamoDB Local stores its tables in (in memory too).
 *
 * <p>Maven copies it next to the jars as e.g. {@code libsqlite4java-linux-amd64-1.0.392.so}; sqlite4java looks for the
 * unversioned {@code libsqlite4java-linux-amd64.so} in {@code sqlite4java.library.path}, so we copy it under that name
 * into a private temporary directory rather than into the shared build output.
 */
final class SqliteNativeLibrary {

    private SqliteNativeLibrary() {
    }

    /**
     * Copies the library for this platform out of {@code libDir} into a fresh directory and points
     * {@code sqlite4java.library.path} at it.
     *
     * @return the directory, for the caller to delete on exit
     */
    static Path install(Path libDir) {
        String baseName = platformBaseName();
        Path source = findIn(libDir, baseName);
        try {
            Path dir = Files.createTempDirectory("commerce-sync-sqlite4java-");
            String extension = source.getFileName().toString().substring(source.getFileName().toString()
                    .lastIndexOf('.'));
            Files.copy(source, dir.resolve(baseName + extension), StandardCopyOption.REPLACE_EXISTING);
            System.setProperty("sqlite4java.library.path", dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + source + " to a temporary directory", e);
        }
    }

    /** The directory holding the runtime jars, i.e. where the sqlite4java jar was loaded from. */
    static Path libDirOf(Class<?> classFromThatDir) {
        try {
            Path location = Path.of(classFromThatDir.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? location : location.getParent();
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + classFromThatDir.getName() + " was loaded from", e);
        }
    }

    private static Path findIn(Path libDir, String baseName) {
        try (Stream<Path> files = Files.list(libDir)) {
            List<Path> candidates = files
                    .filter(f -> f.getFileName().toString().startsWith(baseName))
                    .filter(f -> !f.getFileName().toString().endsWith(".jar"))
                    .toList();
            if (candidates.isEmpty()) {
                throw new IllegalStateException("no " + baseName + ".* native library in " + libDir
                        + " (run ./mvnw install -pl infra/emulators)");
            }
            return candidates.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + libDir, e);
        }
    }

    /** sqlite4java's own naming of the platforms DynamoDB Local 2.6 ships natives for. */
    private static String platformBaseName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        if (os.contains("linux")) {
            return x64 ? "libsqlite4java-linux-amd64" : "libsqlite4java-linux-i386";
        }
        if (os.contains("mac")) {
            return "libsqlite4java-osx";
        }
        if (os.contains("windows")) {
            return x64 ? "sqlite4java-win32-x64" : "sqlite4java-win32-x86";
        }
        throw new IllegalStateException("DynamoDB Local ships no sqlite4java native library for " + os + "/" + arch);
    }
}
