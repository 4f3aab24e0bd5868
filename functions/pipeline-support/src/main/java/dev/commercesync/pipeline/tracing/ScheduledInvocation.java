package dev.commercesync.pipeline.tracing;

import dev.commercesync.pipeline.logging.LogContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * The frame of an invocation by a schedule (EventBridge Scheduler): a SERVER span for the invocation, as the FaaS
 * conventions name it ({@code faas.trigger=timer}), so the work's own spans (DynamoDB, marketplace calls) form one
 * trace instead of a scatter of roots; the step, trace and span ids in the log context; and the flush before the
 * answer goes back, because nothing else flushes a scheduled invocation.
 */
@ApplicationScoped
public class ScheduledInvocation {

    private final MessageTracing tracing;
    private final TelemetryFlush flush;

    public ScheduledInvocation(MessageTracing tracing, TelemetryFlush flush) {
        this.tracing = tracing;
        this.flush = flush;
    }

    /**
     * Runs one scheduled invocation's work.
     *
     * @param step names the span and the {@code step} log field, e.g. {@code drift-repair}, {@code watchdog}
     */
    public <T> T run(String step, Supplier<T> work) {
        Span span = tracing.tracer().spanBuilder(step)
                .setParent(Context.root())
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("faas.trigger", "timer")
                .startSpan();
        try (Scope ignored = span.makeCurrent();
             LogContext.Frame frame = LogContext.open(step, span.getSpanContext())) {
            return work.get();
        } catch (RuntimeException | Error e) {
            MessageTracing.recordFailure(span, e);
            throw e;
        } finally {
            span.end();
            flush.flush();
        }
    }
}
