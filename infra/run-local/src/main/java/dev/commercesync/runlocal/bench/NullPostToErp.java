package dev.commercesync.runlocal.bench;

import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.lambda.FunctionDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Null post-to-erp, per record, as {@code ErpPostingService}: a consistent GetItem of the order state, the order to
 * the {@link NullErp} where the real one calls the ERP, then the conditional UpdateItem that records POSTED against
 * the version it read.
 */
final class NullPostToErp extends NullSqsFunction {

    private final String orderStateTable;
    private final NullErp erp;

    NullPostToErp(FunctionDefinition definition, RunningEmulators emulators, NullErp erp) {
        super(definition, emulators);
        this.orderStateTable = environment("ORDER_STATE_TABLE");
        this.erp = erp;
    }

    @Override
    List<String> handle(List<SqsRecord> records) {
        return eachRecord(records, this::handleOne);
    }

    private void handleOne(SqsRecord record) {
        BenchOrder order = record.order();
        Map<String, AttributeValue> state = dynamoDb.getItem(b -> b.tableName(orderStateTable)
                .key(Map.of("orderKey", AttributeValue.fromS(order.orderKey()))).consistentRead(true)).item();
        if (state == null || !state.containsKey("version")) {
            throw new IllegalStateException(order.orderKey() + " has no order state");
        }
        Instant now = Instant.now();
        erp.arrived(order.orderKey(), now);
        String documentId = "SO-" + Integer.toUnsignedString(order.orderKey().hashCode());
        NullOrderState.Update posted = NullOrderState.update(order.orderKey(), now, "POSTED")
                .set("#status", "status", AttributeValue.fromS("POSTED"))
                .set("erpDocumentId", "erpDocumentId", AttributeValue.fromS(documentId))
                .set("postedSourceUpdatedAt", "postedSourceUpdatedAt", AttributeValue.fromS(order.version().toString()));
        posted.values().put(":expected", state.get("version"));
        // The real first attempt also asserts that the order has no exceptions to settle.
        posted.name("#exceptions", "exceptions");
        dynamoDb.updateItem(posted.request(orderStateTable,
                "#version = :expected AND attribute_not_exists(#exceptions)"));
    }
}
