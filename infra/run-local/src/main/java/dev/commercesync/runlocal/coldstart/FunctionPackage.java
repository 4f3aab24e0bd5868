package dev.commercesync.runlocal.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A deployment package's size: Lambda downloads and unpacks the zip before the JVM starts, so its size is part of
 * a cold start there (not here: the local stack unpacks once). Lambda's own limit is 50 MB zipped, 250 MB unpacked.
 *
 * @param zipBytes      the file's size
 * @param unpackedBytes the entries' uncompressed sizes added up
 * @param jars          how many {@code lib/*.jar} it holds
 * @param biggest       its largest entries, largest first
 */
public record FunctionPackage(String logicalId, String zip, long zipBytes, long unpackedBytes, int jars,
                              List<Entry> biggest) {

    /** One entry: its name, uncompressed and compressed size. */
    public record Entry(String name, long bytes, long compressedBytes) {
    }

    public FunctionPackage {
        biggest = List.copyOf(biggest);
    }

    /**
     * Reads the directory of {@code zip} (a copy of the package at {@code shownAs}); the {@code top} largest entries
     * are kept.
     */
    public static FunctionPackage of(String logicalId, Path shownAs, Path zip, int top) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<Entry> entries = new ArrayList<>();
            long unpacked = 0;
            int jars = 0;
            for (Enumeration<? extends ZipEntry> all = file.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                unpacked += entry.getSize();
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    jars++;
                }
                entries.add(new Entry(entry.getName(), entry.getSize(), entry.getCompressedSize()));
            }
            entries.sort(Comparator.comparingLong(Entry::bytes).reversed());
            return new FunctionPackage(logicalId, shownAs.toString(), Files.size(zip), unpacked, jars,
                    entries.subList(0, Math.min(top, entries.size())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }
}
