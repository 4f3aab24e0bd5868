package dev.commercesync.inventory.store;

import dev.commercesync.inventory.stock.OrderPosting;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.orderstate.OrderStateTableSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link OrderPostings} from the order-state table: status and the time of its last change, in batches of 100. */
@ApplicationScoped
public class DynamoDbOrderPostings implements OrderPostings {

    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoDbOrderPostings(DynamoDbClient dynamo, PipelineConfig config) {
        this(dynamo, PipelineConfig.require(config.tables().orderState(), "ORDER_STATE_TABLE"));
    }

    public DynamoDbOrderPostings(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Map<String, OrderPosting> find(Collection<String> orderKeys) {
        Map<String, OrderPosting> postings = new HashMap<>();
        List<String> keys = orderKeys.stream().distinct().toList();
        keys.forEach(k -> postings.put(k, OrderPosting.NOT_POSTED));
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT)).stream()
                            .map(k -> Map.of(OrderStateTableSchema.PARTITION_KEY, AttributeValue.fromS(k))).toList())
                    .projectionExpression("#pk, #status, #updatedAt")
                    .expressionAttributeNames(Map.of("#pk", OrderStateTableSchema.PARTITION_KEY,
                            "#status", OrderStateTableSchema.STATUS, "#updatedAt", OrderStateTableSchema.UPDATED_AT))
                    .consistentRead(true).build());
            while (request != null && !request.isEmpty()) {
                Map<String, KeysAndAttributes> ask = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(ask));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    boolean posted = item.containsKey(OrderStateTableSchema.STATUS)
                            && ProcessingState.POSTED.name().equals(item.get(OrderStateTableSchema.STATUS).s());
                    Instant at = item.containsKey(OrderStateTableSchema.UPDATED_AT)
                            ? Instant.parse(item.get(OrderStateTableSchema.UPDATED_AT).s()) : null;
                    postings.put(item.get(OrderStateTableSchema.PARTITION_KEY).s(),
                            posted ? new OrderPosting(true, at) : OrderPosting.NOT_POSTED);
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
            }
        }
        return postings;
    }
}
