package dev.commercesync.pipeline.operations;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.commercesync.pipeline.operations.OperatorAuditTableSchema.PARTITION_KEY;

/**
 * {@link OperatorAudit} on DynamoDB: one item per record. {@link #recent} scans: operator actions are few (a handful a
 * day), and a table keyed by id alone keeps every write independent of every other.
 */
public class DynamoDbOperatorAudit implements OperatorAudit {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoDbOperatorAudit(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public void record(AuditRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PARTITION_KEY, s(record.auditId()));
        item.put("at", s(record.at().toString()));
        item.put("actor", s(record.actor()));
        item.put("action", s(record.action()));
        putIfPresent(item, "target", record.target());
        item.put("subjects", AttributeValue.fromL(record.subjects().stream().map(DynamoDbOperatorAudit::s).toList()));
        putIfPresent(item, "reason", record.reason());
        item.put("dryRun", AttributeValue.fromBool(record.dryRun()));
        item.put("details", AttributeValue.fromM(record.details().entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        dynamo.putItem(b -> b.tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", PARTITION_KEY)));
    }

    @Override
    public List<AuditRecord> recent(int limit) {
        return dynamo.scanPaginator(b -> b.tableName(tableName).consistentRead(true)).items().stream()
                .map(DynamoDbOperatorAudit::toRecord)
                .sorted(Comparator.comparing(AuditRecord::at).reversed())
                .limit(limit)
                .toList();
    }

    private static AuditRecord toRecord(Map<String, AttributeValue> item) {
        AttributeValue subjects = item.get("subjects");
        AttributeValue details = item.get("details");
        AttributeValue dryRun = item.get("dryRun");
        return new AuditRecord(text(item, PARTITION_KEY), Instant.parse(text(item, "at")), text(item, "actor"),
                text(item, "action"), text(item, "target"),
                subjects == null || !subjects.hasL() ? List.of()
                        : subjects.l().stream().map(AttributeValue::s).toList(),
                text(item, "reason"),
                dryRun != null && Boolean.TRUE.equals(dryRun.bool()),
                details == null || !details.hasM() ? Map.of() : details.m().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s())));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value == null ? "" : value);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null || value.s().isEmpty() ? null : value.s();
    }
}
