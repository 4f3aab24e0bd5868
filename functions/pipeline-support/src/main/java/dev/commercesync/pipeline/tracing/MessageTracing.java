package dev.commercesync.pipeline.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries W3C trace context across SQS: each send request runs in a PRODUCER span ({@code <queue> send}) whose
 * context goes into the messages' {@code traceparent}/{@code tracestate} attributes; consumers start one CONSUMER span
 * per record ({@code <queue> process}) whose parent is that send span, following the OpenTelemetry messaging semantic
 * conventions. Always the W3C propagator, whatever else is configured, because the attributes must be readable by
 * every hop.
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

    Tracer tracer() {
        return tracer;
    }

    /** The current context as W3C headers ({@code traceparent}, optionally {@code tracestate}). */
    public Map<String, String> currentContextHeaders() {
        Map<String, String> headers = new HashMap<>(2);
        W3C.inject(Context.current(), headers, Map::put);
        return headers;
    }

    /**
     * Starts the PRODUCER span of one SQS request ({@code SendMessage}, or {@code SendMessageBatch} with
     * {@code messageCount} entries), child of the current span. The caller makes it current, takes the messages'
     * trace attributes from {@link #currentContextHeaders()} inside it, so each consumer's parent is this span, and
     * ends it.
     */
    public Span startSendSpan(String queueUrl, String operation, int messageCount) {
        SpanBuilder builder = tracer.spanBuilder(queueNameOf(queueUrl) + " send")
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.operation.name", operation)
                .setAttribute("messaging.destination.name", queueNameOf(queueUrl));
        String host = hostOf(queueUrl);
        if (host != null) {
            builder.setAttribute("server.address", host);
        }
        if (!"SendMessage".equals(operation)) {
            builder.setAttribute("messaging.batch.message_count", (long) messageCount);
        }
        return builder.startSpan();
    }

    /**
     * Marks a span failed the way the semantic conventions ask: ERROR status, {@code error.type} the exception's class,
     * and the exception as an event. The description stays generic: exception messages can quote payloads.
     */
    public static void recordFailure(Span span, Throwable failure) {
        span.setAttribute("error.type", failure.getClass().getName());
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }

    /** The queue's name: the last path segment of its URL. */
    public static String queueNameOf(String queueUrl) {
        int slash = queueUrl.lastIndexOf('/');
        return slash < 0 ? queueUrl : queueUrl.substring(slash + 1);
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
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
        SpanBuilder builder = tracer.spanBuilder(queueName + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", queueName)
                .setAttribute("messaging.batch.message_count", (long) producerHeaders.size());
        if (producerHeaders.size() == 1) {
            builder.setParent(W3C.extract(Context.root(), producerHeaders.get(0), MAP_GETTER));
        } else {
            builder.setNoParent();
            // Messages sent by one SendMessageBatch share their producer span: one link each.
            Set<SpanContext> producers = new LinkedHashSet<>();
            for (Map<String, String> headers : producerHeaders) {
                SpanContext producer = Span.fromContext(W3C.extract(Context.root(), headers, MAP_GETTER))
                        .getSpanContext();
                if (producer.isValid()) {
                    producers.add(producer);
                }
            }
            producers.forEach(builder::addLink);
        }
        return builder.startSpan();
    }

    /** The trace id of the current span, or null when nothing is being traced. */
    public static String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /** The span id of the current span, or null when nothing is being traced. */
    public static String currentSpanId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getSpanId() : null;
    }
}
