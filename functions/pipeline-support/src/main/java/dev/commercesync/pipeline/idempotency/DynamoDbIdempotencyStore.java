package dev.commercesync.pipeline.idempotency;

import dev.commercesync.pipeline.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.Map;

import static dev.commercesync.pipeline.idempotency.IdempotencyTableSchema.PARTITION_KEY;
import static dev.commercesync.pipeline.idempotency.IdempotencyTableSchema.TTL_ATTRIBUTE;

/** Idempotency keys in DynamoDB: a put that only succeeds when the key is new, expiring through TTL. */
@ApplicationScoped
public class DynamoDbIdempotencyStore implements IdempotencyStore {

    private final DynamoDbClient dynamo;
    private final PipelineConfig config;

    public DynamoDbIdempotencyStore(DynamoDbClient dynamo, PipelineConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    @Override
    public ClaimResult claim(IdempotencyClaim claim) {
        Map<String, AttributeValue> item = Map.of(
                PARTITION_KEY, s(claim.key()),
                "payloadHash", s(claim.payloadHash()),
                "orderKey", s(claim.orderKey()),
                "messageId", s(claim.messageId()),
                "firstSeenAt", s(claim.at().toString()),
                TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(claim.expiresAt().getEpochSecond())));
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(PipelineConfig.require(config.tables().idempotency(), "IDEMPOTENCY_TABLE"))
                    .item(item)
                    .conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", PARTITION_KEY))
                    // The stored record comes back with the failure: no second read to classify a duplicate.
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new ClaimResult.FirstSeen();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> stored = e.hasItem() ? e.item() : Map.of();
            return ClaimResult.against(claim, text(stored, "payloadHash"), text(stored, "messageId"),
                    instant(text(stored, "firstSeenAt")));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value == null ? "" : value);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? "" : value.s();
    }

    private static Instant instant(String text) {
        return text == null || text.isEmpty() ? null : Instant.parse(text);
    }
}
