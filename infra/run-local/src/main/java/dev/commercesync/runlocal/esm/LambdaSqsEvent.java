package dev.commercesync.runlocal.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.localstack.LocalAwsAccount;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The event Lambda's SQS poller sends a function, built from messages as ReceiveMessage returned them. */
public final class LambdaSqsEvent {

    /** System attributes in the order Lambda lists them; any others SQS returned follow. */
    private static final List<String> ATTRIBUTE_ORDER = List.of("ApproximateReceiveCount", "AWSTraceHeader",
            "SentTimestamp", "SequenceNumber", "MessageGroupId", "SenderId", "MessageDeduplicationId",
            "ApproximateFirstReceiveTimestamp");

    private LambdaSqsEvent() {
    }

    public static String render(ObjectMapper json, List<Message> messages, String queueArn) {
        ObjectNode event = json.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            orderedSystemAttributes(message).forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttribute(messageAttributes.putObject(name),
                    value));
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", LocalAwsAccount.REGION);
        }
        return event.toString();
    }

    private static Map<String, String> orderedSystemAttributes(Message message) {
        Map<String, String> received = message.attributesAsStrings();
        Map<String, String> ordered = new LinkedHashMap<>();
        ATTRIBUTE_ORDER.forEach(name -> {
            if (received.containsKey(name)) {
                ordered.put(name, received.get(name));
            }
        });
        received.forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static void messageAttribute(ObjectNode target, MessageAttributeValue value) {
        if (value.stringValue() != null) {
            target.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            target.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        // Reserved by SQS and always empty, but Lambda sends them.
        target.putArray("stringListValues");
        target.putArray("binaryListValues");
        target.put("dataType", value.dataType());
    }
}
