package dev.commercesync.pipeline.awscalls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;

/**
 * One process's totals as a small text file, so the local stack can add up every function process it started:
 * {@code <dir>/<function>-<pid>.counts}. Properties syntax, one line per operation:
 *
 * <pre>
 * # calls,attempts,failures,payloadChunks,itemsWritten,itemsRead,capacityMilli
 * function=DedupeFunction
 * pid=4711
 * writtenAt=2026-11-26T21:00:00Z
 * DynamoDb.PutItem=200,200,0,200,200,0,200000
 * Sqs.SendMessage=100,100,0,100,0,0,0
 * </pre>
 *
 * The columns are {@link CallFigures}' components in order. The file is replaced atomically (written beside, then
 * renamed), so a reader never sees half of it. run-local's {@code usage.FunctionCallCounts} reads it.
 */
public final class CallCountFile {

    /** Column order of every operation line; a reader checks the header against it. */
    public static final String COLUMNS = "calls,attempts,failures,payloadChunks,itemsWritten,itemsRead,capacityMilli";
    public static final String SUFFIX = ".counts";

    private final Path file;
    private final String function;
    private final long pid;

    public CallCountFile(Path directory, String function, long pid) {
        this.function = function;
        this.pid = pid;
        this.file = directory.resolve(function.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + pid + SUFFIX);
    }

    public Path path() {
        return file;
    }

    /** Replaces the file with {@code totals}. */
    public void write(Map<String, Map<String, CallFigures>> totals, Instant now) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(partial, render(function, pid, totals, now), StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String render(String function, long pid, Map<String, Map<String, CallFigures>> totals, Instant now) {
        StringBuilder text = new StringBuilder()
                .append("# AWS SDK calls of one function process (dev.commercesync.pipeline.awscalls)\n")
                .append("# ").append(COLUMNS).append('\n')
                .append("function=").append(function).append('\n')
                .append("pid=").append(pid).append('\n')
                .append("writtenAt=").append(now).append('\n');
        totals.forEach((service, operations) -> operations.forEach((operation, f) -> text
                .append(service).append('.').append(operation).append('=')
                .append(f.calls()).append(',').append(f.attempts()).append(',').append(f.failures()).append(',')
                .append(f.payloadChunks()).append(',').append(f.itemsWritten()).append(',').append(f.itemsRead())
                .append(',').append(f.capacityMilli()).append('\n')));
        return text.toString();
    }
}
