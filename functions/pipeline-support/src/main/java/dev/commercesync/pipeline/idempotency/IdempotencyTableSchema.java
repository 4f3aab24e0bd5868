package dev.commercesync.pipeline.idempotency;

/**
 * Names in the idempotency table that the code relies on; {@code infra/template.yaml} must match them.
 */
public final class IdempotencyTableSchema {

    /** Partition key: channel, order id, channel event and source version. */
    public static final String PARTITION_KEY = "idempotencyKey";
    /** Epoch seconds after which DynamoDB's TTL removes the key. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private IdempotencyTableSchema() {
    }
}
