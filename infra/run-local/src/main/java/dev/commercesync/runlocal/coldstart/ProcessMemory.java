package dev.commercesync.runlocal.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's memory as Linux reports it in {@code /proc/<pid>/status}, in KiB. {@code VmRSS} is what the issue
 * asks for; its file-backed part ({@code RssFile}) includes the mapped JDK modules and class-data archives, pages
 * other processes can share, while {@code RssAnon} (heap, metaspace, code cache, thread stacks) is the process's
 * own. Lambda limits neither exactly: a function's memory setting caps the whole sandbox.
 *
 * @param rssKib     {@code VmRSS}: resident now
 * @param anonKib    {@code RssAnon}
 * @param fileKib    {@code RssFile}
 * @param peakKib    {@code VmHWM}: the highest {@code VmRSS} so far
 */
public record ProcessMemory(long rssKib, long anonKib, long fileKib, long peakKib) {

    /** Read now; empty if the process is gone or this is not Linux. */
    public static Optional<ProcessMemory> of(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The figures of one {@code /proc/<pid>/status} text. */
    static ProcessMemory parse(String status) {
        return new ProcessMemory(field(status, "VmRSS"), field(status, "RssAnon"), field(status, "RssFile"),
                field(status, "VmHWM"));
    }

    private static long field(String status, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + ":\\s+(\\d+) kB$").matcher(status);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + name + " in the process status");
        }
        return Long.parseLong(matcher.group(1));
    }
}
