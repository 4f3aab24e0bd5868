package dev.commercesync.pipeline.batch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.logging.LogContext;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import dev.commercesync.pipeline.tracing.MessageTracing;
import dev.commercesync.pipeline.tracing.TelemetryFlush;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link RecordHandler} over an SQS batch and answers with the partial batch response Lambda expects
 * ({@code ReportBatchItemFailures}): only the failed message ids are listed, so one bad message never makes the
 * good ones run again.
 * <p>
 * On a FIFO queue, once a message of a group fails, the later messages of the same group in the batch are not
 * processed and are reported failed too, so a group's order is kept; other groups go on.
 * <p>
 * It is also where each invocation's log context is set ({@link LogContext}: step, correlation id, order key, trace
 * and span ids) and where its spans are exported before Lambda freezes the process ({@link TelemetryFlush}).
 */
@ApplicationScoped
public class SqsBatchProcessor {

    private static final Logger LOG = Logger.getLogger(SqsBatchProcessor.class);

    private final MessageTracing tracing;
    private final VisibilityControl visibility;
    private final Duration stopBeforeTimeout;
    private final TelemetryFlush flush;
    private final String defaultStep;

    /**
     * @param lambdaHandler the function's handler name ({@code quarkus.lambda.handler}: map, dedupe, post-to-erp...),
     *                      the {@code step} of its log lines unless a caller names another
     */
    @Inject
    public SqsBatchProcessor(MessageTracing tracing, VisibilityControl visibility, PipelineConfig config,
                             TelemetryFlush flush,
                             @ConfigProperty(name = "quarkus.lambda.handler") Optional<String> lambdaHandler) {
        this(tracing, visibility, config.batch().stopBeforeTimeout(), flush, lambdaHandler.orElse(null));
    }

    public SqsBatchProcessor(MessageTracing tracing, VisibilityControl visibility, Duration stopBeforeTimeout) {
        this(tracing, visibility, stopBeforeTimeout, null, null);
    }

    /** @param flush exports the batch's spans before it returns; null when nothing is exported (tests) */
    public SqsBatchProcessor(MessageTracing tracing, VisibilityControl visibility, Duration stopBeforeTimeout,
                             TelemetryFlush flush, String defaultStep) {
        this.tracing = tracing;
        this.visibility = visibility;
        this.stopBeforeTimeout = stopBeforeTimeout;
        this.flush = flush;
        this.defaultStep = defaultStep;
    }

    public SQSBatchResponse process(SQSEvent event, RecordHandler handler) {
        return process(event, null, handler);
    }

    /**
     * As {@link #process(SQSEvent, RecordHandler)}, and stops starting records when the invocation has less than
     * {@code commerce.batch.stop-before-timeout} left: those go back to the queue as failures, instead of Lambda
     * killing the invocation mid-record and so failing (and repeating) the whole batch.
     *
     * @param context the invocation's context, or null when there is no deadline
     */
    public SQSBatchResponse process(SQSEvent event, Context context, RecordHandler handler) {
        try {
            return processEach(event, context, handler);
        } finally {
            flush();
        }
    }

    private SQSBatchResponse processEach(SQSEvent event, Context context, RecordHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        // FIFO group → how long its held-back records wait (null: the queue's own visibility timeout).
        Map<String, Duration> failedGroups = new HashMap<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();

        for (SQSEvent.SQSMessage record : records) {
            ReceivedMessage message = toReceivedMessage(record);
            String group = message.messageGroupId();
            if (context != null && context.getRemainingTimeInMillis() < stopBeforeTimeout.toMillis()) {
                failures.add(failure(message.messageId()));
                LOG.warnf("message %s returned to %s unprocessed: %d ms left in this invocation", message.messageId(),
                        message.queueName(), context.getRemainingTimeInMillis());
                continue;
            }
            if (heldBack(record, message, failedGroups, failures)) {
                continue;
            }
            Outcome outcome = processOne(record, message, handler);
            if (!outcome.succeeded()) {
                failures.add(failure(message.messageId()));
                if (group != null) {
                    failedGroups.put(group, outcome.retryAfter());
                }
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * Runs a {@link BatchHandler} over the whole batch (one span linked to every producer) and answers with the partial
     * batch response. A record the handler reports as {@link RecordOutcome.RetryLater} is hidden for its delay. On a
     * FIFO queue the rule of {@link #process} holds: after a group's first record that did not finish, the group's
     * later records are reported failed too (and come back with it), so the group's order is kept even if the handler
     * finished them.
     */
    public SQSBatchResponse processTogether(SQSEvent event, BatchHandler handler) {
        return processTogether(event, defaultStep, handler);
    }

    /**
     * As {@link #processTogether(SQSEvent, BatchHandler)}, for a function whose queues are different steps.
     *
     * @param step the {@code step} of the batch's log lines, e.g. {@code stock} or {@code publish-shopify}
     */
    public SQSBatchResponse processTogether(SQSEvent event, String step, BatchHandler handler) {
        try (LogContext.Frame frame = LogContext.open(step, null)) {
            return processBatch(event, handler);
        } finally {
            flush();
        }
    }

    private SQSBatchResponse processBatch(SQSEvent event, BatchHandler handler) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        if (records.isEmpty()) {
            return SQSBatchResponse.builder().withBatchItemFailures(new ArrayList<>()).build();
        }
        List<ReceivedMessage> messages = records.stream().map(SqsBatchProcessor::toReceivedMessage).toList();
        Span span = tracing.startBatchProcessSpan(messages.get(0).queueName(),
                messages.stream().map(ReceivedMessage::attributes).toList());
        Map<String, RecordOutcome> outcomes;
        // No order key: a batch holds many orders' events; the handler names what it logs about.
        try (Scope ignored = span.makeCurrent();
             LogContext.Frame frame = new LogContext.Frame()
                     .put(LogContext.TRACE_ID, span.getSpanContext().getTraceId())
                     .put(LogContext.SPAN_ID, span.getSpanContext().getSpanId())) {
            outcomes = handleAll(messages, handler, span);
        } finally {
            span.end();
        }

        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<String, Duration> failedGroups = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage record = records.get(i);
            ReceivedMessage message = messages.get(i);
            String group = message.messageGroupId();
            RecordOutcome outcome = outcomes.getOrDefault(message.messageId(), RecordOutcome.DONE);
            if (heldBack(record, message, failedGroups, failures)) {
                continue;
            }
            if (outcome instanceof RecordOutcome.Done) {
                continue;
            }
            Duration wait = null;
            try (LogContext.Frame frame = messageFrame(message)) {
                if (outcome instanceof RecordOutcome.RetryLater later) {
                    wait = later.delay();
                    LOG.warnf("message %s returned to %s for %s: %s", message.messageId(), message.queueName(), wait,
                            later.reason());
                    visibility.hideFor(record.getEventSourceArn(), record.getReceiptHandle(), wait);
                } else if (outcome instanceof RecordOutcome.Failed failed) {
                    LOG.errorf("message %s from %s failed (receive %d): %s", message.messageId(), message.queueName(),
                            message.receiveCount(), failed.reason());
                }
            }
            failures.add(failure(message.messageId()));
            if (group != null) {
                failedGroups.put(group, wait);
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Inside the batch's span and log context, so the line about its failure carries them too. */
    private static Map<String, RecordOutcome> handleAll(List<ReceivedMessage> messages, BatchHandler handler,
                                                        Span span) {
        try {
            return handler.handle(messages);
        } catch (Exception e) {
            MessageTracing.recordFailure(span, e);
            LOG.errorf(e, "batch of %d from %s failed; every record stays on the queue", messages.size(),
                    messages.get(0).queueName());
            Map<String, RecordOutcome> outcomes = new HashMap<>();
            for (ReceivedMessage message : messages) {
                outcomes.put(message.messageId(), new RecordOutcome.Failed(String.valueOf(e.getMessage())));
            }
            return outcomes;
        }
    }

    /**
     * On a FIFO queue, a record behind a failed record of its group fails too, unprocessed, and comes back with it
     * (hidden for the same delay, not a full visibility timeout later).
     */
    private boolean heldBack(SQSEvent.SQSMessage record, ReceivedMessage message, Map<String, Duration> failedGroups,
                             List<SQSBatchResponse.BatchItemFailure> failures) {
        String group = message.messageGroupId();
        if (group == null || !failedGroups.containsKey(group)) {
            return false;
        }
        failures.add(failure(message.messageId()));
        Duration wait = failedGroups.get(group);
        if (wait != null) {
            visibility.hideFor(record.getEventSourceArn(), record.getReceiptHandle(), wait);
        }
        return true;
    }

    /** @param retryAfter how long the record is hidden before it comes back, null for the queue's default */
    private record Outcome(boolean succeeded, Duration retryAfter) {
        static final Outcome DONE = new Outcome(true, null);
        static final Outcome FAILED = new Outcome(false, null);
    }

    private Outcome processOne(SQSEvent.SQSMessage record, ReceivedMessage message, RecordHandler handler) {
        Span span = tracing.startProcessSpan(message.queueName(), message.messageId(), message.attributes());
        try (Scope ignored = span.makeCurrent();
             LogContext.Frame frame = LogContext.open(defaultStep, span.getSpanContext())) {
            frame.put(LogContext.CORRELATION_ID, message.attribute(MessageAttributeNames.CORRELATION_ID))
                    .put(LogContext.MESSAGE_ID, message.messageId())
                    .put(LogContext.ORDER_KEY, EventCodec.orderKeyOf(message.body()));
            return handleOne(record, message, handler, span);
        } finally {
            span.end();
        }
    }

    /** Inside the record's span and log context, so the lines about its failure carry them too. */
    private Outcome handleOne(SQSEvent.SQSMessage record, ReceivedMessage message, RecordHandler handler, Span span) {
        try {
            handler.handle(message);
            return Outcome.DONE;
        } catch (RetryLaterException e) {
            span.setStatus(StatusCode.ERROR, "retry later");
            LOG.warnf("message %s returned to %s for %s: %s", message.messageId(), message.queueName(),
                    e.delay(), e.getMessage());
            visibility.hideFor(record.getEventSourceArn(), record.getReceiptHandle(), e.delay());
            return new Outcome(false, e.delay());
        } catch (Exception e) {
            MessageTracing.recordFailure(span, e);
            LOG.errorf(e, "message %s from %s failed (receive %d); it stays on the queue", message.messageId(),
                    message.queueName(), message.receiveCount());
            return Outcome.FAILED;
        }
    }

    /** The log context of one message of a batch, for the lines about its outcome. */
    private static LogContext.Frame messageFrame(ReceivedMessage message) {
        return new LogContext.Frame()
                .put(LogContext.CORRELATION_ID, message.attribute(MessageAttributeNames.CORRELATION_ID))
                .put(LogContext.MESSAGE_ID, message.messageId())
                .put(LogContext.ORDER_KEY, EventCodec.orderKeyOf(message.body()));
    }

    private void flush() {
        if (flush != null) {
            flush.flush();
        }
    }

    private static ReceivedMessage toReceivedMessage(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        Map<String, String> system = record.getAttributes() == null ? Map.of() : record.getAttributes();
        int receiveCount = parseIntOr(system.get("ApproximateReceiveCount"), 1);
        return new ReceivedMessage(record.getMessageId(), record.getBody(), queueName(record.getEventSourceArn()),
                receiveCount, system.get("MessageGroupId"), Map.copyOf(attributes));
    }

    public static String queueName(String arn) {
        if (arn == null) {
            return "unknown";
        }
        int lastColon = arn.lastIndexOf(':');
        return lastColon < 0 ? arn : arn.substring(lastColon + 1);
    }

    private static int parseIntOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static SQSBatchResponse.BatchItemFailure failure(String messageId) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(messageId).build();
    }
}
