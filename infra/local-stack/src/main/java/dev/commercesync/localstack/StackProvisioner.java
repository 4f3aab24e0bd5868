package dev.commercesync.localstack;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's queues and tables in the emulators, named by logical id ({@code .fifo} added for FIFO
 * queues), so a test reads the same names it would find in the stack's outputs.
 *
 * <p>What the emulators cannot model is skipped on purpose: SSE, point-in-time recovery, deletion policies and IAM.
 * Running it twice against the same emulators is harmless: SQS returns the existing queue, an existing table is kept.
 */
public final class StackProvisioner {

    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;

    public StackProvisioner(SqsClient sqs, DynamoDbClient dynamoDb) {
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
    }

    public ProvisionedStack provision(SamTemplate template) {
        // Conditions depend on parameters only, so they can be decided before anything exists.
        IntrinsicResolver conditions = new IntrinsicResolver(template, new IntrinsicResolver.Resources() {
            @Override
            public Optional<String> ref(String logicalId) {
                return Optional.empty();
            }

            @Override
            public Optional<String> getAtt(String logicalId, String attribute) {
                return Optional.empty();
            }
        });
        Map<String, ProvisionedStack.QueueAddress> queues = new LinkedHashMap<>();
        for (SamTemplate.Queue queue : deadLetterQueuesFirst(template.queues())) {
            if (exists(template, queue.logicalId(), conditions)) {
                queues.put(queue.logicalId(), createQueue(queue, queues));
            }
        }
        Map<String, ProvisionedStack.TableAddress> tables = new LinkedHashMap<>();
        for (SamTemplate.Table table : template.tables()) {
            if (exists(template, table.logicalId(), conditions)) {
                tables.put(table.logicalId(), createTable(table));
            }
        }
        return new ProvisionedStack(template, queues, tables);
    }

    private static boolean exists(SamTemplate template, String logicalId, IntrinsicResolver conditions) {
        return template.resourceCondition(logicalId).map(conditions::condition).orElse(true);
    }

    /** A queue's dead-letter queue must exist first: its redrive policy names the DLQ's ARN. */
    private static List<SamTemplate.Queue> deadLetterQueuesFirst(List<SamTemplate.Queue> queues) {
        Map<String, SamTemplate.Queue> byId = new LinkedHashMap<>();
        queues.forEach(q -> byId.put(q.logicalId(), q));
        Set<String> ordered = new LinkedHashSet<>();
        for (SamTemplate.Queue queue : queues) {
            addAfterTargets(queue, byId, ordered, new LinkedHashSet<>());
        }
        return ordered.stream().map(byId::get).toList();
    }

    private static void addAfterTargets(SamTemplate.Queue queue, Map<String, SamTemplate.Queue> byId,
                                        Set<String> ordered, Set<String> visiting) {
        if (ordered.contains(queue.logicalId())) {
            return;
        }
        if (!visiting.add(queue.logicalId())) {
            throw new IllegalArgumentException("redrive policies form a cycle through " + visiting);
        }
        if (queue.redrive().isPresent()) {
            String target = queue.redrive().get().deadLetterQueueLogicalId();
            SamTemplate.Queue dlq = byId.get(target);
            if (dlq == null) {
                throw new IllegalArgumentException(queue.logicalId() + " redrives to " + target
                        + ", which is not a queue in the template");
            }
            addAfterTargets(dlq, byId, ordered, visiting);
        }
        ordered.add(queue.logicalId());
    }

    private ProvisionedStack.QueueAddress createQueue(SamTemplate.Queue queue,
                                                      Map<String, ProvisionedStack.QueueAddress> created) {
        Map<QueueAttributeName, String> attributes = new EnumMap<>(QueueAttributeName.class);
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    Boolean.toString(queue.contentBasedDeduplication()));
        }
        queue.visibilityTimeout().ifPresent(v -> attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT,
                Integer.toString(v)));
        queue.messageRetentionPeriod().ifPresent(v -> attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                Integer.toString(v)));
        queue.maximumMessageSize().ifPresent(v -> attributes.put(QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
                Integer.toString(v)));
        queue.redrive().ifPresent(r -> attributes.put(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + created.get(r.deadLetterQueueLogicalId()).arn()
                        + "\",\"maxReceiveCount\":\"" + r.maxReceiveCount() + "\"}"));
        String url = sqs.createQueue(b -> b.queueName(queue.queueName()).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new ProvisionedStack.QueueAddress(queue.queueName(), url, arn);
    }

    private ProvisionedStack.TableAddress createTable(SamTemplate.Table table) {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (SamTemplate.GlobalSecondaryIndex index : table.globalSecondaryIndexes()) {
            Projection.Builder projection = Projection.builder()
                    .projectionType(ProjectionType.fromValue(index.projectionType()));
            if (!index.nonKeyAttributes().isEmpty()) {
                projection.nonKeyAttributes(index.nonKeyAttributes());
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.indexName())
                    .keySchema(keySchema(index.keySchema()))
                    .projection(projection.build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.logicalId())
                .attributeDefinitions(table.attributeTypes().entrySet().stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.getKey())
                                .attributeType(a.getValue()).build())
                        .toList())
                .keySchema(keySchema(table.keySchema()))
                // Locally always on demand: provisioned throughput means nothing to DynamoDB Local.
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        TableDescription description;
        try {
            description = dynamoDb.createTable(request.build()).tableDescription();
        } catch (ResourceInUseException alreadyThere) {
            description = dynamoDb.describeTable(b -> b.tableName(table.logicalId())).table();
        }
        table.ttlAttribute().ifPresent(attribute -> enableTimeToLive(table.logicalId(), attribute));
        return new ProvisionedStack.TableAddress(description.tableName(), description.tableArn());
    }

    private void enableTimeToLive(String tableName, String attribute) {
        // Enabling TTL twice is an error in DynamoDB, and a re-run of the provisioner meets an enabled table.
        TimeToLiveDescription current = dynamoDb.describeTimeToLive(b -> b.tableName(tableName))
                .timeToLiveDescription();
        boolean on = current.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING;
        if (on && attribute.equals(current.attributeName())) {
            return;
        }
        dynamoDb.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
    }

    private static List<KeySchemaElement> keySchema(SamTemplate.KeySchema key) {
        List<KeySchemaElement> elements = new ArrayList<>();
        elements.add(KeySchemaElement.builder().attributeName(key.hashKey()).keyType(KeyType.HASH).build());
        key.rangeKey().ifPresent(range -> elements.add(
                KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build()));
        return elements;
    }
}
