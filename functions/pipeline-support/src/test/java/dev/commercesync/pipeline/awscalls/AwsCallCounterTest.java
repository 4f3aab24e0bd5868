package dev.commercesync.pipeline.awscalls;

import dev.commercesync.pipeline.idempotency.IdempotencyTableSchema;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The counter as the functions get it: registered through {@code quarkus.sqs.interceptors} /
 * {@code quarkus.dynamodb.interceptors} on the Quarkus clients, against DynamoDB Local and ElasticMQ.
 */
@QuarkusTest
@QuarkusTestResource(AwsEmulatorsResource.class)
@QuarkusTestResource(AwsCallCounterTest.CountsDirectory.class)
class AwsCallCounterTest {

    @Inject
    SqsClient sqs;

    @Inject
    DynamoDbClient dynamoDb;

    @Inject
    AwsCallCounter counter;

    @ConfigProperty(name = "IDEMPOTENCY_TABLE")
    String idempotencyTable;

    @ConfigProperty(name = "INTAKE_QUEUE_URL")
    String intakeQueue;

    @ConfigProperty(name = "POSTING_QUEUE_URL")
    String postingQueue;

    @Test
    void countsEveryCallOfBothClientsByServiceAndOperation() throws IOException {
        Map<String, Map<String, CallFigures>> before = counter.totals();
        String key = "test:" + UUID.randomUUID();
        Map<String, AttributeValue> item = Map.of(IdempotencyTableSchema.PARTITION_KEY, AttributeValue.fromS(key));

        dynamoDb.putItem(b -> b.tableName(idempotencyTable).item(item)
                .conditionExpression("attribute_not_exists(" + IdempotencyTableSchema.PARTITION_KEY + ")"));
        catchThrowableOfType(ConditionalCheckFailedException.class, () -> dynamoDb.putItem(b -> b
                .tableName(idempotencyTable).item(item)
                .conditionExpression("attribute_not_exists(" + IdempotencyTableSchema.PARTITION_KEY + ")")));
        sqs.sendMessage(b -> b.queueUrl(intakeQueue).messageBody("{\"counted\":true}"));
        sqs.sendMessage(b -> b.queueUrl(postingQueue).messageBody("{}").messageGroupId("g")
                .messageDeduplicationId(key));

        Map<String, Map<String, CallFigures>> after = counter.totals();
        CallFigures puts = delta(before, after, "DynamoDb", "PutItem");
        assertThat(puts.calls()).isEqualTo(2);
        assertThat(puts.attempts()).as("a failed condition is not retried").isEqualTo(2);
        assertThat(puts.failures()).isEqualTo(1);
        assertThat(puts.itemsWritten()).as("only the successful put wrote").isEqualTo(1);
        assertThat(puts.capacityMilli()).as("DynamoDB Local reports the write's capacity when asked")
                .isGreaterThanOrEqualTo(1000);
        CallFigures sends = delta(before, after, "Sqs", "SendMessage");
        assertThat(sends).isEqualTo(new CallFigures(1, 1, 0, 1, 0, 0, 0));
        assertThat(delta(before, after, "Sqs", "SendMessage" + AwsCallCounter.FIFO_SUFFIX).calls())
                .as("a FIFO queue's requests are priced apart").isEqualTo(1);

        counter.writeNow();
        Path file = counter.file().orElseThrow().path();
        assertThat(Files.readAllLines(file))
                .contains("# " + CallCountFile.COLUMNS)
                .anyMatch(line -> line.startsWith("DynamoDb.PutItem="))
                .anyMatch(line -> line.startsWith("Sqs.SendMessage="));
    }

    private static CallFigures delta(Map<String, Map<String, CallFigures>> before,
                                     Map<String, Map<String, CallFigures>> after, String service, String operation) {
        CallFigures was = before.getOrDefault(service, Map.of()).getOrDefault(operation, CallFigures.NONE);
        return after.getOrDefault(service, Map.of()).getOrDefault(operation, CallFigures.NONE).minus(was);
    }

    /** Turns writing on, into a fresh directory. */
    public static class CountsDirectory implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                return Map.of("commerce-sync.aws-call-counts.dir",
                        Files.createTempDirectory("aws-call-counts").toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
        }
    }
}
