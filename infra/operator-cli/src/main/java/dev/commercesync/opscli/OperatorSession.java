package dev.commercesync.opscli;

import dev.commercesync.opscli.output.Printer;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a command works with: the SDK clients, the stack's table names as options, environment or discovery give
 * them, who is acting, and where output goes.
 */
public final class OperatorSession implements AutoCloseable {

    /** Template logical ids: the local stack's table names, and the middle part of CloudFormation's. */
    static final String ORDER_STATE_TABLE = "OrderStateTable";
    static final String OPERATOR_AUDIT_TABLE = "OperatorAuditTable";

    private final CommerceOps options;
    private final AwsSession aws;
    private final Printer printer;
    private List<String> tableNames;

    public OperatorSession(CommerceOps options) {
        this.options = options;
        this.aws = new AwsSession(options.target());
        this.printer = new Printer(options.out(), options.err(), options.json());
    }

    public AwsSession aws() {
        return aws;
    }

    public Printer printer() {
        return printer;
    }

    public Optional<String> stack() {
        return options.stack();
    }

    public CommerceOps options() {
        return options;
    }

    /** The order-state table, or empty when neither given nor found. */
    public Optional<String> orderStateTable() {
        return options.orderStateTableOption().or(() -> discoverTable(ORDER_STATE_TABLE));
    }

    public String requireOrderStateTable() {
        return orderStateTable().orElseThrow(() -> CommandFailure.environment("no order-state table: give "
                + "--order-state-table, set ORDER_STATE_TABLE, or name the stack with --stack"));
    }

    public Optional<String> auditTable() {
        return options.auditTableOption().or(() -> discoverTable(OPERATOR_AUDIT_TABLE));
    }

    /** The audit table, checked to exist: an audited change must not start when its record cannot be written. */
    public String requireAuditTable() {
        String table = auditTable().orElseThrow(() -> CommandFailure.environment("no operator audit table: give "
                + "--audit-table, set OPERATOR_AUDIT_TABLE, or name the stack with --stack"));
        try {
            aws.dynamoDb().describeTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException e) {
            throw CommandFailure.environment("the operator audit table " + table + " does not exist", e);
        }
        return table;
    }

    /**
     * Who the audit trail names: in AWS the STS caller ARN (plus {@code --actor} if given, as the person behind a
     * shared role); against emulators {@code --actor}, else {@code $USER}.
     */
    public String actor() {
        Optional<String> declared = options.actorOption();
        if (aws.local()) {
            return declared.or(() -> options.env("USER")).orElse("unknown-local-user");
        }
        String arn = aws.callerArn();
        return declared.map(d -> arn + " (" + d + ")").orElse(arn);
    }

    private Optional<String> discoverTable(String logicalId) {
        if (tableNames == null) {
            List<String> names = new ArrayList<>();
            aws.dynamoDb().listTablesPaginator(b -> { }).tableNames().forEach(names::add);
            tableNames = names;
        }
        return StackNames.find(tableNames, logicalId, options.stack());
    }

    @Override
    public void close() {
        aws.close();
    }
}
