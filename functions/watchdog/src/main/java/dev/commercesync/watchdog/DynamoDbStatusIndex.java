package dev.commercesync.watchdog;

import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.orderstate.OrderStateTableSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link StatusIndex} on the order-state table's status GSI ({@value OrderStateTableSchema#STATUS_INDEX}). Counting
 * pages through every matching key with {@code Select=COUNT}, so a backlog of thousands is counted whole at the cost of
 * reading the index keys, without transferring the orders; only the oldest few are read, through the store.
 */
@ApplicationScoped
public class DynamoDbStatusIndex implements StatusIndex {

    /** The sort key's format ({@link OrderStateTableSchema#UPDATED_AT}): fixed width, so text order is time order. */
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final Supplier<String> table;
    private final OrderStateStore orders;
    private final Integer pageSize;

    @Inject
    public DynamoDbStatusIndex(DynamoDbClient dynamo, PipelineConfig config, OrderStateStore orders) {
        this(dynamo, () -> PipelineConfig.require(config.tables().orderState(), "ORDER_STATE_TABLE"), orders, null);
    }

    /** @param pageSize index keys per counting request; null for DynamoDB's own page (1 MB) */
    public DynamoDbStatusIndex(DynamoDbClient dynamo, Supplier<String> table, OrderStateStore orders,
                               Integer pageSize) {
        this.dynamo = dynamo;
        this.table = table;
        this.orders = orders;
        this.pageSize = pageSize;
    }

    @Override
    public long count(ProcessingState status, Instant updatedBefore) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table.get())
                .indexName(OrderStateTableSchema.STATUS_INDEX)
                .keyConditionExpression("#s = :s AND #u < :u")
                .expressionAttributeNames(Map.of("#s", OrderStateTableSchema.STATUS,
                        "#u", OrderStateTableSchema.UPDATED_AT))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name()),
                        ":u", AttributeValue.fromS(SORTABLE_INSTANT.format(updatedBefore))))
                .select(Select.COUNT)
                .limit(pageSize)
                .build();
        long count = 0;
        for (QueryResponse page : dynamo.queryPaginator(request)) {
            count += page.count();
        }
        return count;
    }

    @Override
    public List<OrderRecord> oldest(ProcessingState status, Instant updatedBefore, int limit) {
        return limit <= 0 ? List.of() : orders.findByStatusUpdatedBefore(status, updatedBefore, limit);
    }
}
