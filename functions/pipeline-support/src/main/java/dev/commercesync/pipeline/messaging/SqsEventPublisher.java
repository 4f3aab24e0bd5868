package dev.commercesync.pipeline.messaging;

import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.pipeline.tracing.MessageTracing;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Sends envelopes to SQS with correlation id, schema id and W3C trace context as message attributes. */
@ApplicationScoped
public class SqsEventPublisher implements EventPublisher {

    private final SqsClient sqs;
    private final EventCodec codec;
    private final MessageTracing tracing;

    public SqsEventPublisher(SqsClient sqs, EventCodec codec, MessageTracing tracing) {
        this.sqs = sqs;
        this.codec = codec;
        this.tracing = tracing;
    }

    @Override
    public void publish(String queueUrl, EventEnvelope<?> event) {
        publish(queueUrl, event, codec.encode(event));
    }

    @Override
    public void publish(String queueUrl, EventEnvelope<?> event, String encodedBody) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(MessageAttributeNames.CORRELATION_ID, text(event.correlationId()));
        attributes.put(MessageAttributeNames.SCHEMA, text(event.schema()));
        tracing.currentContextHeaders().forEach((name, value) -> attributes.put(name, text(value)));

        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(encodedBody)
                .messageAttributes(attributes);
        if (queueUrl.endsWith(".fifo")) {
            // One group per order keeps an order's versions in sequence while different orders run in parallel.
            // The deduplication id is the idempotency key, so a re-send within SQS's 5-minute window is dropped.
            String dedupeSource = event.idempotencyKey() != null ? event.idempotencyKey() : event.eventId();
            request.messageGroupId(event.orderKey()).messageDeduplicationId(sha256(dedupeSource));
        }
        try {
            sqs.sendMessage(request.build());
        } catch (SdkException e) {
            throw new PublishFailedException("SQS did not take event " + event.eventId() + " for " + queueUrl, e);
        }
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
}
