package dev.commercesync.runlocal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.lambda.FunctionDefinition;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A null SQS-fed function: reads the event the event source mapping sends, handles the records and answers with the
 * partial batch response ({@code batchItemFailures}), as {@code SqsBatchProcessor} does.
 */
abstract class NullSqsFunction extends NullFunction {

    /** One record of the event, as far as the null functions need it. */
    record SqsRecord(String messageId, String body, String eventSourceArn, String messageGroupId,
                     Map<String, String> attributes) {

        BenchOrder order() {
            String encoded = attributes.get(BenchOrder.ATTRIBUTE);
            if (encoded == null) {
                throw new IllegalArgumentException("message " + messageId + " has no " + BenchOrder.ATTRIBUTE);
            }
            return BenchOrder.decode(encoded);
        }

        /** The attributes to forward, as the real functions forward correlation id and trace context. */
        Map<String, MessageAttributeValue> forwarded() {
            Map<String, MessageAttributeValue> forwarded = new HashMap<>();
            attributes.forEach((name, value) -> forwarded.put(name, text(value)));
            return forwarded;
        }
    }

    NullSqsFunction(FunctionDefinition definition, RunningEmulators emulators) {
        super(definition, emulators);
    }

    /** Handles the batch; returns the message ids that failed (stay on the queue). */
    abstract List<String> handle(List<SqsRecord> records) throws Exception;

    @Override
    final String handle(String event) throws Exception {
        List<SqsRecord> records = new ArrayList<>();
        for (JsonNode record : json.readTree(event).path("Records")) {
            Map<String, String> attributes = new HashMap<>();
            record.path("messageAttributes").fields().forEachRemaining(a ->
                    attributes.put(a.getKey(), a.getValue().path("stringValue").asText()));
            records.add(new SqsRecord(record.path("messageId").asText(), record.path("body").asText(),
                    record.path("eventSourceARN").asText(),
                    record.path("attributes").path("MessageGroupId").asText(null), attributes));
        }
        List<String> failed = records.isEmpty() ? List.of() : handle(records);
        StringBuilder answer = new StringBuilder("{\"batchItemFailures\":[");
        for (int i = 0; i < failed.size(); i++) {
            answer.append(i == 0 ? "" : ",").append("{\"itemIdentifier\":\"").append(failed.get(i)).append("\"}");
        }
        return answer.append("]}").toString();
    }

    /** One record at a time; a record that throws is reported failed and the rest go on, as in our handlers. */
    List<String> eachRecord(List<SqsRecord> records, RecordHandler handler) {
        List<String> failed = new ArrayList<>();
        for (SqsRecord record : records) {
            try {
                handler.handle(record);
            } catch (RuntimeException e) {
                System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING,
                        "{0}: message {1} failed: {2}", definition.logicalId(), record.messageId(), e.toString());
                failed.add(record.messageId());
            }
        }
        return failed;
    }

    @FunctionalInterface
    interface RecordHandler {
        void handle(SqsRecord record);
    }

    static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
