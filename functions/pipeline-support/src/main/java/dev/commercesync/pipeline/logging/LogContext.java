package dev.commercesync.pipeline.logging;

import io.opentelemetry.api.trace.SpanContext;
import org.jboss.logging.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields every log line of a step carries besides its message, kept in the MDC, which the JSON log format writes
 * as top-level fields ({@link FlatMdcJsonFormatter}): which order, which trace and span, which step. Set once at the
 * shared entry points (the batch processor, a scheduled invocation, ingest's request filter), so handlers log
 * identifiers in their messages and never have to repeat these.
 */
public final class LogContext {

    public static final String CORRELATION_ID = "correlationId";
    public static final String ORDER_KEY = "orderKey";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String STEP = "step";
    public static final String MESSAGE_ID = "messageId";

    private LogContext() {
    }

    /** A frame with the step and the span's ids; closing it restores what was there before. */
    public static Frame open(String step, SpanContext span) {
        Frame frame = new Frame();
        frame.put(STEP, step);
        if (span != null && span.isValid()) {
            frame.put(TRACE_ID, span.getTraceId());
            frame.put(SPAN_ID, span.getSpanId());
        }
        return frame;
    }

    /** The fields one frame set, and what they replaced. */
    public static final class Frame implements AutoCloseable {

        private final Map<String, Object> replaced = new LinkedHashMap<>();

        /** Sets a field for this frame; a null or empty value clears it for the frame instead. */
        public Frame put(String key, String value) {
            Object previous = value == null || value.isEmpty() ? MDC.get(key) : MDC.put(key, value);
            if (value == null || value.isEmpty()) {
                MDC.remove(key);
            }
            replaced.putIfAbsent(key, previous);
            return this;
        }

        @Override
        public void close() {
            replaced.forEach((key, previous) -> {
                if (previous == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, previous);
                }
            });
        }
    }
}
