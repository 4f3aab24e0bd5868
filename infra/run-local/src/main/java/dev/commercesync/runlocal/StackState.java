package dev.commercesync.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.localstack.SamTemplate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the emulated stack holds right now, read the way an operator would read AWS: queue depths from queue
 * attributes, order states from the order-state table, dead letters from the DLQs.
 */
final class StackState {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The order-state table's attributes and timestamp form (pipeline-support's OrderStateTableSchema). */
    private static final String STATUS = "status";
    private static final String UPDATED_AT = "updatedAt";
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LocalStack stack;

    StackState(LocalStack stack) {
        this.stack = stack;
    }

    /** Messages waiting or in flight on the queues the functions consume. */
    long pipelineDepth() {
        long depth = 0;
        for (var mapping : stack.mappings()) {
            depth += counts(mapping.definition().queueUrl()).total();
            depth += mapping.stats().inFlight();
        }
        return depth;
    }

    /**
     * A queue's message counts as {@code GetQueueAttributes} tells them, what CloudWatch's SQS metrics report.
     *
     * @param notVisible received and not yet deleted, or hidden for a retry
     */
    record QueueCounts(long visible, long notVisible, long delayed) {
        long total() {
            return visible + notVisible + delayed;
        }
    }

    /** Every queue of the template (DLQs included) by logical id. */
    Map<String, QueueCounts> queueCounts() {
        Map<String, QueueCounts> counts = new java.util.TreeMap<>();
        stack.stack().queues().forEach((logicalId, address) -> counts.put(logicalId, counts(address.url())));
        return counts;
    }

    /** The logical id of the queue a function's environment variable names (e.g. {@code POSTING_QUEUE_URL}). */
    Optional<String> queueNamedBy(String environmentVariable) {
        String url = stack.stack().mergedEnvironment().get(environmentVariable);
        return stack.stack().queues().entrySet().stream().filter(e -> e.getValue().url().equals(url))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The oldest {@code updatedAt} among orders in {@code status}, from the status index the watchdog reads. */
    Optional<Instant> oldestUpdatedAt(String status) {
        QueryResponse page = stack.dynamoDb().query(statusQuery(status, null).limit(1).build());
        return page.items().stream().findFirst().map(item -> Instant.parse(item.get(UPDATED_AT).s()));
    }

    /** Orders in {@code status} last updated before {@code before}: the watchdog's {@code OrdersStuck} count. */
    long countUpdatedBefore(String status, Instant before) {
        long count = 0;
        for (QueryResponse page : stack.dynamoDb().queryPaginator(statusQuery(status, before)
                .select(Select.COUNT).build())) {
            count += page.count();
        }
        return count;
    }

    private QueryRequest.Builder statusQuery(String status, Instant before) {
        String table = stack.stack().mergedEnvironment().get("ORDER_STATE_TABLE");
        // The index keyed by status and updatedAt, as the template declares it for the watchdog.
        String index = stack.stack().template().tables().stream()
                .filter(t -> stack.stack().tableName(t.logicalId()).equals(table))
                .flatMap(t -> t.globalSecondaryIndexes().stream())
                .filter(i -> i.keySchema().hashKey().equals(STATUS)
                        && i.keySchema().rangeKey().filter(UPDATED_AT::equals).isPresent())
                .map(SamTemplate.GlobalSecondaryIndex::indexName).findFirst()
                .orElseThrow(() -> new IllegalStateException("the order-state table has no status/updatedAt index"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":s", AttributeValue.fromS(status)));
        String condition = "#s = :s";
        Map<String, String> names = new HashMap<>(Map.of("#s", STATUS));
        if (before != null) {
            condition += " AND #u < :u";
            names.put("#u", UPDATED_AT);
            values.put(":u", AttributeValue.fromS(SORTABLE_INSTANT.format(before)));
        }
        return QueryRequest.builder().tableName(table).indexName(index).keyConditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(true);
    }

    private QueueCounts counts(String queueUrl) {
        Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b
                .queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return new QueueCounts(count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
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
