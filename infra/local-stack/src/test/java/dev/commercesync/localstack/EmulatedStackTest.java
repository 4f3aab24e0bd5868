package dev.commercesync.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The real template provisioned into the real emulators. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmulatedStackTest {

    private RunningEmulators emulators;
    private SqsClient sqs;
    private DynamoDbClient dynamoDb;
    private ProvisionedStack stack;

    @BeforeAll
    void startAndProvision() {
        long started = System.nanoTime();
        emulators = LocalEmulators.start(RepositoryRoot.locate());
        sqs = emulators.newSqsClient();
        dynamoDb = emulators.newDynamoDbClient();
        SamTemplate template = SamTemplate.read(RepositoryRoot.template(RepositoryRoot.locate()))
                .withParameterValues(Map.of("ErpBaseUrl", "http://127.0.0.1:9/erp"));
        stack = new StackProvisioner(sqs, dynamoDb).provision(template);
        System.err.printf("emulators ready in %d ms, stack provisioned %d ms after start%n",
                emulators.startupTime().toMillis(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @AfterAll
    void stop() {
        sqs.close();
        dynamoDb.close();
        emulators.close();
    }

    @Test
    void emulatorsListenOnLoopbackOnly() {
        assertThat(emulators.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(emulators.sqsEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(stack.queueUrl("OrderIntakeQueue")).startsWith(emulators.sqsEndpoint().toString());
    }

    @Test
    void everyQueueRedrivesToItsDeadLetterQueue() {
        assertThat(stack.queues().keySet()).containsExactlyInAnyOrder("OrderIntakeQueue", "OrderIntakeDLQ",
                "CanonicalOrderQueue", "CanonicalOrderDLQ", "ErpPostingQueue", "ErpPostingDLQ", "InventoryQueue",
                "InventoryDLQ", "ShopifyInventoryQueue", "ShopifyInventoryDLQ", "AmazonInventoryQueue",
                "AmazonInventoryDLQ", "EbayInventoryQueue", "EbayInventoryDLQ");

        // ElasticMQ accepts but does not report MaximumMessageSize and MessageRetentionPeriod; SamTemplateTest
        // holds the template to them.
        Map<String, String> intake = attributes("OrderIntakeQueue");
        assertThat(intake).containsEntry("VisibilityTimeout", "180");
        assertThat(intake.get("RedrivePolicy"))
                .contains(stack.getAtt("OrderIntakeDLQ", "Arn").orElseThrow())
                .contains("\"maxReceiveCount\":5");
        assertThat(attributes("CanonicalOrderQueue").get("RedrivePolicy"))
                .contains(stack.getAtt("CanonicalOrderDLQ", "Arn").orElseThrow());
        assertThat(attributes("OrderIntakeDLQ")).doesNotContainKey("RedrivePolicy");
    }

    @Test
    void postingQueueIsFifoWithoutContentBasedDeduplication() {
        assertThat(stack.queues().get("ErpPostingQueue").name()).isEqualTo("ErpPostingQueue.fifo");
        Map<String, String> posting = attributes("ErpPostingQueue");
        assertThat(posting).containsEntry("FifoQueue", "true").containsEntry("ContentBasedDeduplication", "false")
                .containsEntry("VisibilityTimeout", "360");
        assertThat(posting.get("RedrivePolicy")).contains("ErpPostingDLQ.fifo").contains("\"maxReceiveCount\":10");
        assertThat(attributes("ErpPostingDLQ")).containsEntry("FifoQueue", "true");
    }

    @Test
    void orderStateTableHasItsKeyAndStatusIndex() {
        TableDescription table = dynamoDb.describeTable(b -> b.tableName(stack.tableName("OrderStateTable")))
                .table();

        assertThat(table.keySchema()).containsExactly(key("orderKey", KeyType.HASH));
        assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        GlobalSecondaryIndexDescription index = index(table, "status-updatedAt-index");
        assertThat(index.keySchema()).containsExactly(key("status", KeyType.HASH), key("updatedAt", KeyType.RANGE));
        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        GlobalSecondaryIndexDescription openExceptions = index(table, "open-exception-index");
        assertThat(openExceptions.keySchema())
                .containsExactly(key("openExceptionType", KeyType.HASH), key("openExceptionAt", KeyType.RANGE));
        assertThat(openExceptions.projection().projectionType()).isEqualTo(ProjectionType.ALL);
    }

    @Test
    void idempotencyTableExpiresKeysThroughTtl() {
        TableDescription table = dynamoDb.describeTable(b -> b.tableName("IdempotencyTable")).table();
        TimeToLiveDescription ttl = dynamoDb.describeTimeToLive(b -> b.tableName("IdempotencyTable"))
                .timeToLiveDescription();

        assertThat(table.keySchema()).containsExactly(key("idempotencyKey", KeyType.HASH));
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void aMessageNobodyCanProcessEndsInTheDeadLetterQueue() {
        String queue = stack.queueUrl("CanonicalOrderQueue");
        String dlq = stack.queueUrl("CanonicalOrderDLQ");
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));

        // A consumer that always fails: it receives and lets the message come back at once.
        for (int receive = 1; receive <= 5; receive++) {
            assertThat(receiveOnce(queue)).as("receive %d", receive).singleElement()
                    .extracting(Message::body).isEqualTo("poison");
        }

        assertThat(receiveOnce(queue)).as("receive 6 moves it on").isEmpty();
        assertThat(receiveOnce(dlq)).singleElement().extracting(Message::body).isEqualTo("poison");
    }

    @Test
    void aPostingTheErpKeepsRejectingEndsInTheFifoDeadLetterQueue() {
        String queue = stack.queueUrl("ErpPostingQueue");
        String dlq = stack.queueUrl("ErpPostingDLQ");
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("posting").messageGroupId("shopify:1001")
                .messageDeduplicationId("shopify:1001:v1"));

        for (int receive = 1; receive <= 10; receive++) {
            assertThat(receiveOnce(queue)).as("receive %d", receive).hasSize(1);
        }

        assertThat(receiveOnce(queue)).isEmpty();
        assertThat(receiveOnce(dlq)).singleElement().extracting(Message::body).isEqualTo("posting");
    }

    @Test
    void functionEnvironmentsPointAtTheProvisionedResources() {
        Map<String, String> environment = stack.mergedEnvironment();

        assertThat(environment)
                .containsEntry("INTAKE_QUEUE_URL", stack.queueUrl("OrderIntakeQueue"))
                .containsEntry("CANONICAL_QUEUE_URL", stack.queueUrl("CanonicalOrderQueue"))
                .containsEntry("POSTING_QUEUE_URL", stack.queueUrl("ErpPostingQueue"))
                .containsEntry("ORDER_STATE_TABLE", "OrderStateTable")
                .containsEntry("IDEMPOTENCY_TABLE", "IdempotencyTable")
                .containsEntry("IDEMPOTENCY_TTL_DAYS", "35")
                .containsEntry("MAX_MESSAGE_BYTES", "262144")
                .containsEntry("SHOPIFY_WEBHOOK_SECRET", "")
                .containsEntry("ERP_API_KEY", "")
                .containsEntry("ERP_BASE_URL", "http://127.0.0.1:9/erp")
                .containsEntry("OPERATOR_AUDIT_TABLE", "OperatorAuditTable")
                .containsEntry("OPERATOR_TOKEN", "")
                .containsEntry("WATCHDOG_PENDING_ERP_MINUTES", "15")
                .containsEntry("OTEL_TRACES_SAMPLER_ARG", "0.0")
                .doesNotContainKeys("OTEL_EXPORTER_OTLP_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
        assertThat(stack.environmentOf("IngestFunction")).doesNotContainKeys("ERP_API_KEY", "POSTING_QUEUE_URL");
        // The URL a function is given is one the emulator accepts.
        assertThat(sqs.sendMessage(b -> b.queueUrl(environment.get("INTAKE_QUEUE_URL")).messageBody("{}"))
                .messageId()).isNotBlank();
    }

    @Test
    void provisioningTwiceKeepsWhatExists() {
        dynamoDb.putItem(b -> b.tableName("OrderStateTable").item(Map.of("orderKey",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("shopify:kept"))));

        ProvisionedStack again = new StackProvisioner(sqs, dynamoDb).provision(stack.template());

        assertThat(again.queues()).isEqualTo(stack.queues());
        assertThat(again.tables()).isEqualTo(stack.tables());
        assertThat(dynamoDb.getItem(b -> b.tableName("OrderStateTable").key(Map.of("orderKey",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("shopify:kept")))).hasItem())
                .isTrue();
    }

    private Map<String, String> attributes(String logicalId) {
        return sqs.getQueueAttributes(b -> b.queueUrl(stack.queueUrl(logicalId))
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    }

    private List<Message> receiveOnce(String queueUrl) {
        // Visibility 0: the message is back on the queue at once, as if the consumer had failed.
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0).waitTimeSeconds(1)
                .maxNumberOfMessages(10)).messages();
    }

    private static GlobalSecondaryIndexDescription index(TableDescription table, String name) {
        return table.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(table.tableName() + " has no index " + name));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
