package dev.commercesync.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.localstack.SamTemplate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the emulated stack holds right now, read the way an operator would read AWS: queue depths from queue
 * attributes, order states from the order-state table, dead letters from the DLQs.
 */
final class StackState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalStack stack;

    StackState(LocalStack stack) {
        this.stack = stack;
    }

    /** Messages waiting or in flight on the queues the functions consume. */
    long pipelineDepth() {
        long depth = 0;
        for (var mapping : stack.mappings()) {
            Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b
                    .queueUrl(mapping.definition().queueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            depth += attributes.values().stream().mapToLong(Long::parseLong).sum();
            depth += mapping.stats().inFlight();
        }
        return depth;
    }

    /** The queues that are some other queue's redrive target. */
    List<String> deadLetterQueueUrls() {
        SamTemplate template = stack.stack().template();
        Set<String> targets = new HashSet<>();
        for (SamTemplate.Queue queue : template.queues()) {
            queue.redrive().ifPresent(r -> targets.add(r.deadLetterQueueLogicalId()));
        }
        return targets.stream().sorted().map(id -> stack.stack().queueUrl(id)).toList();
    }

    /** Order keys of the messages in the DLQs (peeked: they stay there for the operator). */
    Map<String, Long> deadLetters() {
        Map<String, Long> byOrderKey = new HashMap<>();
        for (String url : deadLetterQueueUrls()) {
            List<Message> messages;
            do {
                messages = stack.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .visibilityTimeout(30).waitTimeSeconds(0)).messages();
                for (Message message : messages) {
                    byOrderKey.merge(orderKeyOf(message.body()), 1L, Long::sum);
                }
            } while (!messages.isEmpty());
        }
        return byOrderKey;
    }

    /** Every order in the order-state table. */
    List<OrderStateRow> orders() {
        // The table the functions are told to use: the template decides its name, the env var is the code's contract.
        String table = stack.stack().mergedEnvironment().get("ORDER_STATE_TABLE");
        List<OrderStateRow> rows = new java.util.ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            ScanResponse page = stack.dynamoDb().scan(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                rows.add(OrderStateRow.of(item));
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return rows;
    }

    private static String orderKeyOf(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("orderKey").asText("unreadable");
        } catch (Exception e) {
            return "unreadable";
        }
    }

    /** One order's state as the summary needs it. */
    record OrderStateRow(String orderKey, String status, long duplicatesSuppressed, String orderJson) {
        static OrderStateRow of(Map<String, AttributeValue> item) {
            AttributeValue status = item.get("status");
            AttributeValue timeline = item.get("timeline");
            long duplicates = timeline == null || !timeline.hasL() ? 0 : timeline.l().stream()
                    .filter(entry -> entry.hasM() && entry.m().containsKey("step")
                            && "DUPLICATE_SUPPRESSED".equals(entry.m().get("step").s()))
                    .count();
            AttributeValue order = item.get("order");
            return new OrderStateRow(item.get("orderKey").s(), status == null ? null : status.s(), duplicates,
                    order == null ? null : order.s());
        }
    }
}
