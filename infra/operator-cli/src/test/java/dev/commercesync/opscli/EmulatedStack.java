package dev.commercesync.opscli;

import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Local and ElasticMQ with the template's queues and tables, started once per test JVM from plain JUnit
 * (local-stack's launcher, no Quarkus), and a way to run the CLI in-process against them.
 */
final class EmulatedStack {

    private static EmulatedStack shared;

    final RunningEmulators emulators;
    final SqsClient sqs;
    final DynamoDbClient dynamoDb;
    final ProvisionedStack stack;

    private EmulatedStack(RunningEmulators emulators, SqsClient sqs, DynamoDbClient dynamoDb, ProvisionedStack stack) {
        this.emulators = emulators;
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.stack = stack;
    }

    static synchronized EmulatedStack get() {
        if (shared == null) {
            Path root = RepositoryRoot.locate();
            RunningEmulators emulators = LocalEmulators.start(root);
            SqsClient sqs = emulators.newSqsClient();
            DynamoDbClient dynamoDb = emulators.newDynamoDbClient();
            ProvisionedStack stack = new StackProvisioner(sqs, dynamoDb)
                    .provision(SamTemplate.read(RepositoryRoot.template(root)));
            shared = new EmulatedStack(emulators, sqs, dynamoDb, stack);
        }
        return shared;
    }

    /** Every queue emptied and the audit table cleared, so each test starts from nothing. */
    void reset() {
        for (String logicalId : stack.queues().keySet()) {
            sqs.purgeQueue(b -> b.queueUrl(stack.queueUrl(logicalId)));
        }
        String audit = stack.tableName("OperatorAuditTable");
        for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(b -> b.tableName(audit)).items()) {
            dynamoDb.deleteItem(b -> b.tableName(audit).key(Map.of("auditId", item.get("auditId"))));
        }
    }

    /** The CLI's result: exit status and what it printed. */
    record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code ./commerce-ops <args>} in this JVM against the emulators, as operator {@code tester}. */
    Run cli(String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("--sqs-endpoint", emulators.sqsEndpoint().toString(),
                "--dynamodb-endpoint", emulators.dynamoDbEndpoint().toString(), "--actor", "tester"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommerceOps.run(full.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("USER", "someone-else"));
        return new Run(exit, out.toString(), err.toString());
    }
}
