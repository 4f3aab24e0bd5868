package dev.commercesync.pipeline.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries W3C trace context across SQS: producers inject {@code traceparent}/{@code tracestate} into message
 * attributes; consumers start one CONSUMER span per record whose parent is the producer's context, following the
 * OpenTelemetry messaging semantic conventions. Always the W3C propagator, whatever else is configured, because the
 * attributes must be readable by every hop.
 */
@ApplicationScoped
public class MessageTracing {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    @Inject
    public MessageTracing(Instance<OpenTelemetry> openTelemetry) {
        this(openTelemetry.isResolvable() ? openTelemetry.get() : GlobalOpenTelemetry.get());
    }

    public MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.commercesync.pipeline");
    }

    /** The current context as W3C headers ({@code traceparent}, optionally {@code tracestate}). */
    public Map<String, String> currentContextHeaders() {
        Map<String, String> headers = new HashMap<>(2);
        W3C.inject(Context.current(), headers, Map::put);
        return headers;
    }

    /** Starts the span for processing one received message; the caller makes it current and ends it. */
    public Span startProcessSpan(String queueName, String messageId, Map<String, String> headers) {
        Context parent = W3C.extract(Context.root(), headers, MAP_GETTER);
        return tracer.spanBuilder(queueName + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", queueName)
                .setAttribute("messaging.message.id", messageId)
                .startSpan();
    }

    /**
     * Starts the span for processing a batch of received messages together: a CONSUMER span linked to each producer's
     * context (the messaging conventions' answer for batch processing), whose parent is that context when the batch
     * holds a single message, so a lone message still continues its trace.
     */
    public Span startBatchProcessSpan(String queueName, List<Map<String, String>> producerHeaders) {
        io.opentelemetry.api.trace.SpanBuilder builder = tracer.spanBuilder(queueName + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", queueName)
                .setAttribute("messaging.batch.message_count", (long) producerHeaders.size());
        if (producerHeaders.size() == 1) {
            builder.setParent(W3C.extract(Context.root(), producerHeaders.get(0), MAP_GETTER));
        } else {
            builder.setNoParent();
            for (Map<String, String> headers : producerHeaders) {
                SpanContext producer = Span.fromContext(W3C.extract(Context.root(), headers, MAP_GETTER))
                        .getSpanContext();
                if (producer.isValid()) {
                    builder.addLink(producer);
                }
            }
        }
        return builder.startSpan();
    }

    /** The trace id of the current span, or null when nothing is being traced. */
    public static String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
