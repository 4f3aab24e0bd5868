package dev.commercesync.runlocal.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Kills the function processes if this JVM dies without running its shutdown hooks (SIGKILL, OOM killer): a small
 * {@code sh} process reads the pids we report on its stdin and, at end-of-file, which the kernel delivers when our
 * end of the pipe closes with us, SIGKILLs every pid still listed.
 *
 * <p>Needed because the RIC alone does not exit when its Runtime API vanishes: its main thread fails, but the
 * function's non-daemon threads (Quarkus, Vert.x) keep the JVM alive. A watcher outside the function leaves the
 * function's command line and class path exactly as Lambda's.
 */
final class OrphanReaper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OrphanReaper.class.getName());
    /** {@code +pid} adds, {@code -pid} removes; at end of input every listed pid is killed. */
    private static final String SCRIPT = """
            pids=" "
            while IFS= read -r line; do
              case "$line" in
                +*) pids="$pids${line#+} " ;;
                -*) pids=$(printf '%s' "$pids" | sed "s/ ${line#-} / /") ;;
              esac
            done
            for pid in $pids; do kill -9 "$pid" 2>/dev/null; done
            """;

    private final Process watcher;
    private final OutputStream pids;
    private boolean broken;
    private boolean closed;

    private OrphanReaper(Process watcher) {
        this.watcher = watcher;
        this.pids = watcher.getOutputStream();
    }

    static OrphanReaper start() {
        try {
            Process watcher = new ProcessBuilder(List.of("/bin/sh", "-c", SCRIPT))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new OrphanReaper(watcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the orphan reaper (/bin/sh)", e);
        }
    }

    synchronized void watch(long pid) {
        send("+" + pid);
    }

    /** The process has ended: forget it, so its pid, once reused, is never killed. */
    synchronized void forget(long pid) {
        send("-" + pid);
    }

    /** Only once every watched process has been stopped: end of input kills what is still listed. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            pids.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the orphan reaper failed", e);
        }
    }

    private void send(String line) {
        if (broken || closed) {
            return;
        }
        try {
            pids.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            pids.flush();
        } catch (IOException e) {
            broken = true;
            LOG.log(Level.WARNING, "the orphan reaper is gone; function processes may outlive a killed JVM", e);
        }
    }
}
