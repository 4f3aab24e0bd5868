package dev.commercesync.pipeline.messaging;

import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.GroupedPayload;
import dev.commercesync.pipeline.tracing.MessageTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends envelopes to SQS with correlation id, schema id and W3C trace context as message attributes. Each request
 * runs in its own PRODUCER span ({@link MessageTracing#startSendSpan}), and the messages carry that span's context, so
 * a consumer's span is the send span's child.
 */
@ApplicationScoped
public class SqsEventPublisher implements EventPublisher {

    private static final Logger LOG = Logger.getLogger(SqsEventPublisher.class);

    /** SendMessageBatch limits: entries per request, and bytes of all bodies and attributes together. */
    static final int MAX_BATCH_ENTRIES = 10;
    static final int MAX_BATCH_BYTES = 262_144;
    /** Attempts for entries SQS failed on its side (throttling, internal errors); its own faults are not retried. */
    static final int MAX_BATCH_ATTEMPTS = 3;

    private final SqsClient sqs;
    private final EventCodec codec;
    private final MessageTracing tracing;
    private final Duration retryBackoff;

    @Inject
    public SqsEventPublisher(SqsClient sqs, EventCodec codec, MessageTracing tracing) {
        this(sqs, codec, tracing, Duration.ofMillis(100));
    }

    SqsEventPublisher(SqsClient sqs, EventCodec codec, MessageTracing tracing, Duration retryBackoff) {
        this.sqs = sqs;
        this.codec = codec;
        this.tracing = tracing;
        this.retryBackoff = retryBackoff;
    }

    @Override
    public void publish(String queueUrl, EventEnvelope<?> event) {
        publish(queueUrl, event, codec.encode(event));
    }

    @Override
    public void publish(String queueUrl, EventEnvelope<?> event, String encodedBody) {
        Span span = tracing.startSendSpan(queueUrl, "SendMessage", 1);
        try (Scope ignored = span.makeCurrent()) {
            SendMessageRequest.Builder request = SendMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .messageBody(encodedBody)
                    .messageAttributes(attributes(event, tracing.currentContextHeaders()));
            if (isFifo(queueUrl)) {
                request.messageGroupId(messageGroup(event)).messageDeduplicationId(deduplicationId(event));
            }
            SendMessageResponse response = sqs.sendMessage(request.build());
            if (response.messageId() != null) {
                span.setAttribute("messaging.message.id", response.messageId());
            }
        } catch (SdkException e) {
            MessageTracing.recordFailure(span, e);
            throw new PublishFailedException("SQS did not take event " + event.eventId() + " for " + queueUrl, e);
        } finally {
            span.end();
        }
    }

    /**
     * SendMessageBatch in requests of at most {@value #MAX_BATCH_ENTRIES} entries and {@value #MAX_BATCH_BYTES}
     * bytes, in the order given. Entries SQS failed on its side are retried (up to {@value #MAX_BATCH_ATTEMPTS}
     * attempts); entries it refused as the sender's fault are not. On a FIFO queue, once an event of a message group
     * was not sent, the later events of that group are not sent either, so none overtakes it; a retried entry may
     * still land after later entries of its group that the same request delivered, which consumers of grouped
     * payloads tolerate because they order by content (sequence, version), not by arrival. A request that fails as a
     * whole (queue missing, SQS unreachable after the SDK's own retries) stops the call: nothing after it is sent.
     * Each request (with its retries) is one PRODUCER span, and its messages carry that span's context.
     */
    @Override
    public void publishAll(String queueUrl, List<EventEnvelope<?>> events) {
        boolean fifo = isFifo(queueUrl);
        Set<String> notSent = new HashSet<>();
        Set<String> blockedGroups = new HashSet<>();
        Exception firstCause = null;
        String firstReason = null;

        int next = 0;
        while (next < events.size()) {
            while (fifo && next < events.size() && blockedGroups.contains(messageGroup(events.get(next)))) {
                notSent.add(events.get(next).eventId());
                next++;
            }
            if (next == events.size()) {
                break;
            }
            List<Outgoing> chunk = new ArrayList<>();
            int chunkBytes = 0;
            // Started before the chunk is built, which holds at least the event at next: its messages carry this
            // span's context. A traceparent has a fixed length, so the size counted here is the size sent.
            Span span = tracing.startSendSpan(queueUrl, "SendMessageBatch", 0);
            BatchResult result;
            try (Scope ignored = span.makeCurrent()) {
                Map<String, String> traceHeaders = tracing.currentContextHeaders();
                while (next < events.size() && chunk.size() < MAX_BATCH_ENTRIES) {
                    EventEnvelope<?> event = events.get(next);
                    if (fifo && blockedGroups.contains(messageGroup(event))) {
                        notSent.add(event.eventId());
                        next++;
                        continue;
                    }
                    Outgoing outgoing = new Outgoing(event, codec.encode(event), attributes(event, traceHeaders));
                    if (!chunk.isEmpty() && chunkBytes + outgoing.bytes() > MAX_BATCH_BYTES) {
                        break;
                    }
                    chunk.add(outgoing);
                    chunkBytes += outgoing.bytes();
                    next++;
                }
                span.setAttribute("messaging.batch.message_count", (long) chunk.size());
                result = sendWithRetries(queueUrl, fifo, chunk);
                if (!result.failed().isEmpty()) {
                    span.setAttribute("error.type", result.cause() != null ? result.cause().getClass().getName()
                            : "partial_failure");
                    span.setStatus(StatusCode.ERROR,
                            result.failed().size() + " of " + chunk.size() + " entries not sent");
                }
            } finally {
                span.end();
            }
            for (Outgoing failed : result.failed()) {
                notSent.add(failed.event().eventId());
                if (fifo) {
                    blockedGroups.add(messageGroup(failed.event()));
                }
            }
            if (firstReason == null && !result.failed().isEmpty()) {
                firstReason = result.reason();
                firstCause = result.cause();
            }
            if (result.requestFailed()) {
                events.subList(next, events.size()).forEach(e -> notSent.add(e.eventId()));
                break;
            }
        }

        if (!notSent.isEmpty()) {
            List<String> inOrder = events.stream().map(EventEnvelope::eventId).filter(notSent::contains).toList();
            throw new PublishFailedException(inOrder.size() + " of " + events.size() + " events were not sent to "
                    + queueUrl + " (first failure: " + firstReason + ")", firstCause, inOrder);
        }
    }

    private BatchResult sendWithRetries(String queueUrl, boolean fifo, List<Outgoing> chunk) {
        Map<String, Outgoing> pending = new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            pending.put(Integer.toString(i), chunk.get(i));
        }
        List<Outgoing> refused = new ArrayList<>();
        String reason = null;
        for (int attempt = 1; ; attempt++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            pending.forEach((id, outgoing) -> entries.add(entry(id, outgoing, fifo)));
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                List<Outgoing> failed = new ArrayList<>(refused);
                failed.addAll(pending.values());
                return new BatchResult(failed, "SendMessageBatch failed: " + e.getMessage(), e, true);
            }
            Map<String, Outgoing> retryable = new LinkedHashMap<>();
            for (BatchResultErrorEntry error : response.failed()) {
                Outgoing outgoing = pending.get(error.id());
                if (outgoing == null) {
                    continue;
                }
                reason = error.code() + ": " + error.message();
                if (Boolean.TRUE.equals(error.senderFault())) {
                    refused.add(outgoing);
                } else {
                    retryable.put(error.id(), outgoing);
                }
            }
            if (retryable.isEmpty() || attempt == MAX_BATCH_ATTEMPTS || !pause(attempt)) {
                List<Outgoing> failed = new ArrayList<>(refused);
                failed.addAll(retryable.values());
                return new BatchResult(failed, reason, null, false);
            }
            LOG.warnf("SQS failed %d of %d entries for %s (%s); retrying them", retryable.size(), pending.size(),
                    queueUrl, reason);
            pending = retryable;
        }
    }

    /** Backs off before the next attempt; false when interrupted (the thread's interrupt flag is kept). */
    private boolean pause(int attempt) {
        try {
            Thread.sleep(retryBackoff.toMillis() * attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private SendMessageBatchRequestEntry entry(String id, Outgoing outgoing, boolean fifo) {
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(outgoing.body())
                .messageAttributes(outgoing.attributes());
        if (fifo) {
            entry.messageGroupId(messageGroup(outgoing.event())).messageDeduplicationId(deduplicationId(outgoing.event()));
        }
        return entry.build();
    }

    private static Map<String, MessageAttributeValue> attributes(EventEnvelope<?> event, Map<String, String> trace) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(MessageAttributeNames.CORRELATION_ID, text(event.correlationId()));
        attributes.put(MessageAttributeNames.SCHEMA, text(event.schema()));
        trace.forEach((name, value) -> attributes.put(name, text(value)));
        return attributes;
    }

    /**
     * The FIFO message group: the payload's own group where it names one (stock of one SKU, whatever order moved
     * it), else the order, which keeps an order's versions in sequence while different orders run in parallel.
     */
    static String messageGroup(EventEnvelope<?> event) {
        if (event.payload() instanceof GroupedPayload grouped) {
            return grouped.messageGroup();
        }
        return event.orderKey();
    }

    /** The idempotency key, so that a re-send within SQS's 5-minute deduplication window is dropped. */
    static String deduplicationId(EventEnvelope<?> event) {
        return sha256(event.idempotencyKey() != null ? event.idempotencyKey() : event.eventId());
    }

    private static boolean isFifo(String queueUrl) {
        return queueUrl.endsWith(".fifo");
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** SQS deduplication ids are limited to 128 characters; a hash fits any key. */
    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One event ready to send, with its size as SQS counts it against the batch limit. */
    private record Outgoing(EventEnvelope<?> event, String body, Map<String, MessageAttributeValue> attributes) {
        int bytes() {
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            for (Map.Entry<String, MessageAttributeValue> a : attributes.entrySet()) {
                size += utf8(a.getKey()) + utf8(a.getValue().dataType()) + utf8(a.getValue().stringValue());
            }
            return size;
        }

        private static int utf8(String text) {
            return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** What one chunk left unsent, and whether the request itself failed (so later chunks are not tried). */
    private record BatchResult(List<Outgoing> failed, String reason, Exception cause, boolean requestFailed) {
    }
}
