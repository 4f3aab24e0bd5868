package dev.commercesync.runlocal.bench;

import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.lambda.FunctionDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Null dedupe, per record, in {@code OrderDeduplication}'s order: the conditional PutItem of the idempotency key, the
 * conditional UpdateItem that accepts the version on the order state (same attributes, so the status GSI is written
 * too), one SendMessageBatch of the stock holds (one entry per SKU, group {@code sku:<sku>}) and the SendMessage of
 * the posting (FIFO, group = order key). No fingerprint, no verdict: every order is new.
 */
final class NullDedupe extends NullSqsFunction {

    private static final int MAX_BATCH_ENTRIES = 10;

    private final String idempotencyTable;
    private final String orderStateTable;
    private final String inventoryQueueUrl;
    private final String postingQueueUrl;

    NullDedupe(FunctionDefinition definition, RunningEmulators emulators) {
        super(definition, emulators);
        this.idempotencyTable = environment("IDEMPOTENCY_TABLE");
        this.orderStateTable = environment("ORDER_STATE_TABLE");
        this.inventoryQueueUrl = environment("INVENTORY_QUEUE_URL");
        this.postingQueueUrl = environment("POSTING_QUEUE_URL");
    }

    @Override
    List<String> handle(List<SqsRecord> records) {
        return eachRecord(records, this::handleOne);
    }

    private void handleOne(SqsRecord record) {
        BenchOrder order = record.order();
        Instant now = Instant.now();
        String correlationId = record.attributes().getOrDefault("correlationId", "");
        dynamoDb.putItem(b -> b.tableName(idempotencyTable)
                .item(Map.of("idempotencyKey", s(order.idempotencyKey()), "payloadHash", s(NullOrderState.HASH),
                        "orderKey", s(order.orderKey()), "messageId", s(record.messageId()),
                        "firstSeenAt", s(now.toString()),
                        "expiresAt", n(now.plusSeconds(35L * 24 * 3600).getEpochSecond())))
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", "idempotencyKey"))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        NullOrderState.Update accept = NullOrderState.update(order.orderKey(), now, "ACCEPTED")
                .set("#status", "status", s("PENDING_ERP"))
                .set("sourceUpdatedAt", "sourceUpdatedAt", s(order.version().toString()))
                .set("#srcMs", "sourceUpdatedAtMs", n(order.version().toEpochMilli()))
                .set("acceptedEventKey", "acceptedEventKey", s(order.idempotencyKey()))
                .set("correlationId", "correlationId", s(correlationId))
                .set("acceptedAt", "acceptedAt", s(now.toString()))
                .set("#order", "order", s(record.body()));
        accept.values().put(":v", n(order.version().toEpochMilli()));
        dynamoDb.updateItem(accept.request(orderStateTable,
                        "attribute_not_exists(#pk) OR attribute_not_exists(#srcMs) OR #srcMs < :v")
                .toBuilder().returnValues(ReturnValue.UPDATED_NEW).build());
        sendHolds(order, record, now);
        sqs.sendMessage(b -> b.queueUrl(postingQueueUrl).messageBody(record.body())
                .messageAttributes(record.forwarded())
                .messageGroupId(order.orderKey()).messageDeduplicationId(order.idempotencyKey()));
    }

    private void sendHolds(BenchOrder order, SqsRecord record, Instant now) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (String sku : order.skus()) {
            String body = "{\"schema\":\"commerce.stock-hold.v1\",\"orderKey\":\"" + order.orderKey()
                    + "\",\"orderVersion\":\"" + order.version() + "\",\"sku\":\"" + sku
                    + "\",\"quantity\":1,\"acceptedAt\":\"" + now + "\"}";
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size() % MAX_BATCH_ENTRIES))
                    .messageBody(body).messageAttributes(record.forwarded())
                    .messageGroupId("sku:" + sku)
                    .messageDeduplicationId("hold:" + order.idempotencyKey() + ":" + sku).build());
        }
        for (int from = 0; from < entries.size(); from += MAX_BATCH_ENTRIES) {
            List<SendMessageBatchRequestEntry> chunk = entries.subList(from,
                    Math.min(entries.size(), from + MAX_BATCH_ENTRIES));
            var response = sqs.sendMessageBatch(b -> b.queueUrl(inventoryQueueUrl).entries(chunk));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " holds not sent for " + order.orderKey());
            }
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
