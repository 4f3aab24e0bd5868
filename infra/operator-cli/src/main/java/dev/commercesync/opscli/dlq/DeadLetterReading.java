package dev.commercesync.opscli.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Reads a received SQS message as a {@link DeadLetter}: system attributes for times and counts, the event envelope
 * in the body for the identifiers. A body that is not an envelope still shows, with the identifiers its message
 * attributes carry.
 */
final class DeadLetterReading {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterReading() {
    }

    static DeadLetter read(Message message) {
        Map<MessageSystemAttributeName, String> system = message.attributes();
        JsonNode envelope = envelope(message.body());
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        return new DeadLetter(
                message.messageId(),
                epochMillis(system.get(MessageSystemAttributeName.SENT_TIMESTAMP)),
                epochMillis(system.get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP)),
                // Our own receive counted one more.
                Math.max(0, parseInt(system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)) - 1),
                system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                text(envelope, "schema", attribute(attributes, MessageAttributeNames.SCHEMA)),
                text(envelope, "channel", null),
                text(envelope, "orderKey", null),
                text(envelope, "correlationId", attribute(attributes, MessageAttributeNames.CORRELATION_ID)),
                text(envelope, "eventId", null),
                null);
    }

    private static JsonNode envelope(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode envelope, String field, String fallback) {
        if (envelope == null) {
            return fallback;
        }
        JsonNode value = envelope.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? fallback : value.asText();
    }

    private static String attribute(Map<String, MessageAttributeValue> attributes, String name) {
        MessageAttributeValue value = attributes.get(name);
        return value == null ? null : value.stringValue();
    }

    private static Instant epochMillis(String value) {
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
    }

    private static int parseInt(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }
}
