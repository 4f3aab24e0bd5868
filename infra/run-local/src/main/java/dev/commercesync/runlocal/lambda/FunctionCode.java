package dev.commercesync.runlocal.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployment package unpacked as Lambda unpacks it to {@code /var/task}. Unpacked once and reused while the zip
 * is unchanged; a rebuilt zip (different size or modification time) is unpacked afresh.
 */
final class FunctionCode {

    private static final String STAMP_SUFFIX = ".unpacked-from";

    private FunctionCode() {
    }

    /**
     * Unpacks {@code zip} into {@code directory} unless it already holds this very zip. A new tree is written next
     * to the old one and moved into place, so a half-written tree is never used.
     */
    static Path unpack(Path zip, Path directory) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no deployment package at " + zip);
        }
        // One unpacking at a time in this JVM; other JVMs are kept safe by the move into place.
        synchronized (FunctionCode.class) {
            try {
                String stamp = stampOf(zip);
                Path stampFile = directory.resolveSibling(directory.getFileName() + STAMP_SUFFIX);
                if (Files.isDirectory(directory) && Files.isRegularFile(stampFile)
                        && Files.readString(stampFile).equals(stamp)) {
                    return directory;
                }
                Files.createDirectories(directory.getParent());
                Path fresh = directory.resolveSibling("." + directory.getFileName() + "-" + UUID.randomUUID());
                extract(zip, fresh);
                if (Files.exists(directory)) {
                    Path old = directory.resolveSibling("." + directory.getFileName() + "-old-" + UUID.randomUUID());
                    move(directory, old);
                    deleteTree(old);
                }
                move(fresh, directory);
                Files.writeString(stampFile, stamp);
                return directory;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack " + zip + " to " + directory, e);
            }
        }
    }

    private static String stampOf(Path zip) throws IOException {
        FileTime modified = Files.getLastModifiedTime(zip);
        return zip.toAbsolutePath() + " " + Files.size(zip) + " " + modified.toMillis();
    }

    private static void extract(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(file)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw new IOException(zip + " has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(entries, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
