package dev.commercesync.runlocal.bench;

import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.lambda.FunctionDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Null publish-inventory. On the inventory queue, per batch as {@code StockStep} with no stock figures (the bench's
 * case): one BatchGetItem of the batch's SKUs' listings; per SKU one conditional UpdateItem per hold and one
 * consistent Query of the SKU's records. On a channel queue (nothing arrives there in the bench): done, no calls.
 */
final class NullInventory extends NullSqsFunction {

    private final List<String> channelQueueNames;
    private final String inventoryTable;
    private final String listingTable;

    NullInventory(FunctionDefinition definition, RunningEmulators emulators) {
        super(definition, emulators);
        this.channelQueueNames = List.of("SHOPIFY_QUEUE_URL", "AMAZON_QUEUE_URL", "EBAY_QUEUE_URL").stream()
                .map(this::environment).map(url -> url.substring(url.lastIndexOf('/') + 1)).toList();
        this.inventoryTable = environment("INVENTORY_TABLE");
        this.listingTable = environment("LISTING_TABLE");
    }

    @Override
    List<String> handle(List<SqsRecord> records) {
        String arn = records.get(0).eventSourceArn();
        if (channelQueueNames.stream().anyMatch(name -> arn.endsWith(":" + name))) {
            return List.of();
        }
        Map<String, List<SqsRecord>> bySku = new LinkedHashMap<>();
        for (SqsRecord record : records) {
            String group = record.messageGroupId() == null ? "sku:unknown" : record.messageGroupId();
            bySku.computeIfAbsent(group.substring(group.indexOf(':') + 1), sku -> new ArrayList<>()).add(record);
        }
        dynamoDb.batchGetItem(b -> b.requestItems(Map.of(listingTable, KeysAndAttributes.builder()
                .consistentRead(true)
                .keys(bySku.keySet().stream().map(sku -> Map.of("sku", AttributeValue.fromS(sku))).toList())
                .build())));
        List<String> failed = new ArrayList<>();
        bySku.forEach((sku, held) -> {
            try {
                held.forEach(record -> applyHold(sku, record.order()));
                dynamoDb.query(b -> b.tableName(inventoryTable).consistentRead(true)
                        .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", "sku"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(sku))));
            } catch (RuntimeException e) {
                held.forEach(record -> failed.add(record.messageId()));
            }
        });
        return failed;
    }

    private void applyHold(String sku, BenchOrder order) {
        Instant now = Instant.now();
        try {
            dynamoDb.updateItem(b -> b.tableName(inventoryTable)
                    .key(Map.of("sku", AttributeValue.fromS(sku),
                            "record", AttributeValue.fromS("HOLD#" + order.orderKey())))
                    .updateExpression("SET #order = :order, #qty = :qty, #vMs = :vMs, #v = :v, "
                            + "#acceptedAt = :acceptedAt REMOVE #releasedAt, #expiresAt")
                    .conditionExpression("attribute_not_exists(#vMs) OR #vMs < :vMs")
                    .expressionAttributeNames(Map.of("#order", "orderKey", "#qty", "quantity",
                            "#vMs", "orderVersionMs", "#v", "orderVersion", "#acceptedAt", "acceptedAt",
                            "#releasedAt", "releasedAt", "#expiresAt", "expiresAt"))
                    .expressionAttributeValues(Map.of(":order", AttributeValue.fromS(order.orderKey()),
                            ":qty", AttributeValue.fromN("1"),
                            ":vMs", AttributeValue.fromN(Long.toString(order.version().toEpochMilli())),
                            ":v", AttributeValue.fromS(order.version().toString()),
                            ":acceptedAt", AttributeValue.fromS(now.toString()))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            // A redelivered hold: the real step logs and goes on.
        }
    }
}
