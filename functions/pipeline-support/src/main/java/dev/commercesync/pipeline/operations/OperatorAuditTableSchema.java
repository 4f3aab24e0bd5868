package dev.commercesync.pipeline.operations;

/**
 * Names in the operator audit table that the code relies on; {@code infra/template.yaml} declares the same key and a
 * build test holds it to this.
 */
public final class OperatorAuditTableSchema {

    /** Partition key, no sort key: {@link AuditRecord#auditId()}. */
    public static final String PARTITION_KEY = "auditId";

    private OperatorAuditTableSchema() {
    }
}
