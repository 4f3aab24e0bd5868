package dev.commercesync.pipeline.operations;

import java.util.List;

/** The trail of operator actions. The DynamoDB adapter is {@link DynamoDbOperatorAudit}. */
public interface OperatorAudit {

    /** Keeps {@code record}; never overwrites one with the same id. */
    void record(AuditRecord record);

    /** The latest {@code limit} records, newest first. */
    List<AuditRecord> recent(int limit);
}
