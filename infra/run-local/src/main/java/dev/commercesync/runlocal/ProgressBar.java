package dev.commercesync.runlocal;

import java.io.PrintStream;

/** One line redrawn in place: a bar while the feed is sent, a status while the queues drain. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int total;
    private long lastDrawn;

    ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** @param done items done, or -1 for a status line without a bar */
    void show(int done, String label, String detail) {
        long now = System.nanoTime();
        if (done >= 0 && done < total && now - lastDrawn < 100_000_000L) {
            return; // at most ten redraws a second
        }
        lastDrawn = now;
        if (done < 0) {
            out.printf("\r  %-10s %-70s", label, detail);
        } else {
            int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
            out.printf("\r  [%s%s] %d/%d %s · %s   ", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
                    label, detail);
        }
        out.flush();
    }

    void done() {
        out.println();
    }
}
