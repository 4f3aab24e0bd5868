package dev.commercesync.pipeline.tracing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Counts the SERVER spans started and not yet ended (Quarkus registers every SpanProcessor bean with the SDK). An HTTP
 * function's answer can be complete before the Vert.x instrumentation ends the request's SERVER span on the event
 * loop; {@link FlushingHttpHandler} waits here for it, or the flush would leave the trace's root behind. One
 * invocation at a time per Lambda environment, so none open means this invocation's has ended.
 */
@Singleton
public class OpenServerSpans implements SpanProcessor {

    private int open;

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getKind() == SpanKind.SERVER) {
            synchronized (this) {
                open++;
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (span.getKind() == SpanKind.SERVER) {
            synchronized (this) {
                open = Math.max(0, open - 1);
                notifyAll();
            }
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /**
     * Waits until no SERVER span is open, at most {@code max}.
     *
     * @return false when one was still open at the end of the wait (or the thread was interrupted)
     */
    public synchronized boolean awaitNoneOpen(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
