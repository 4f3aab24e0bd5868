package dev.commercesync.pipeline.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import dev.commercesync.pipeline.testing.QueueProbe;
import dev.commercesync.pipeline.tracing.MessageTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Partial batch responses on the real FIFO posting queue and a real standard queue (ElasticMQ). */
class SqsBatchProcessorTest {

    private static RunningEmulators emulators;
    private static SqsClient sqs;
    private static ProvisionedStack stack;

    private SqsBatchProcessor processor;

    @BeforeAll
    static void startEmulators() {
        Path root = RepositoryRoot.locate();
        emulators = LocalEmulators.start(root);
        sqs = emulators.newSqsClient();
        stack = new StackProvisioner(sqs, emulators.newDynamoDbClient()).provision(SamTemplate.read(RepositoryRoot.template(root)));
    }

    @AfterAll
    static void stopEmulators() {
        emulators.close();
    }

    @BeforeEach
    void newProcessor() {
        processor = new SqsBatchProcessor(new MessageTracing(OpenTelemetry.noop()), new VisibilityControl(sqs),
                Duration.ofSeconds(15));
    }

    @Test
    void onFifoAFailureHoldsBackOnlyTheRestOfItsGroupAndRetryLaterHidesThemTogether() {
        QueueProbe fifo = new QueueProbe(sqs, stack.queueUrl("ErpPostingQueue"));
        fifo.drain();
        for (String body : List.of("A1-wait", "B1", "A2", "B2")) {
            String group = body.substring(0, 1);
            sqs.sendMessage(b -> b.queueUrl(fifo.url()).messageBody(body).messageGroupId(group)
                    .messageDeduplicationId(UUID.randomUUID().toString()));
        }
        List<Message> received = fifo.receive(4);
        assertThat(received).extracting(Message::body).containsExactlyInAnyOrder("A1-wait", "B1", "A2", "B2");

        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = processor.process(fifo.toEvent(received), message -> {
            handled.add(message.body());
            if (message.body().endsWith("wait")) {
                throw new RetryLaterException("downstream resting", Duration.ofSeconds(1), null);
            }
        });
        fifo.acknowledge(received, response);

        assertThat(handled).containsExactlyInAnyOrder("A1-wait", "B1", "B2");
        assertThat(failedBodies(received, response)).containsExactlyInAnyOrder("A1-wait", "A2");
        // Both come back after the one-second hold, in order, not after the queue's six-minute visibility timeout
        // (SQS hands out the group's next message once the one before it is done).
        assertThat(fifo.drain()).extracting(Message::body).containsExactly("A1-wait", "A2");
    }

    @Test
    void onAStandardQueueOnlyTheFailedRecordIsReportedAndTheOthersAreDeleted() {
        QueueProbe queue = new QueueProbe(sqs, stack.queueUrl("CanonicalOrderQueue"));
        queue.drain();
        for (int i = 0; i < 10; i++) {
            String body = i == 4 ? "poison" : "ok-" + i;
            sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body));
        }
        List<Message> received = queue.receive(10);

        SQSBatchResponse response = processor.process(queue.toEvent(received), message -> {
            if (message.body().equals("poison")) {
                throw new IllegalArgumentException("cannot parse");
            }
        });
        queue.acknowledge(received, response);

        assertThat(failedBodies(received, response)).containsExactly("poison");
        assertThat(response.getBatchItemFailures()).hasSize(1);
    }

    @Test
    void nearTheInvocationDeadlineRecordsNotYetStartedGoBackToTheQueueUntouched() {
        QueueProbe queue = new QueueProbe(sqs, stack.queueUrl("CanonicalOrderQueue"));
        queue.drain();
        for (int i = 0; i < 5; i++) {
            String body = "record-" + i;
            sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body));
        }
        List<Message> received = queue.receive(5);
        // 60 s left at first; each record takes 20 s of the invocation's time.
        InvocationClock clock = new InvocationClock(60_000);

        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = processor.process(queue.toEvent(received), clock, message -> {
            handled.add(message.body());
            clock.spend(20_000);
        });
        queue.acknowledge(received, response);

        // 60 s → 40 s → 20 s: the third record starts with 20 s left (> 15 s), the fourth would have 0 s.
        assertThat(handled).hasSize(3);
        assertThat(failedBodies(received, response)).hasSize(2).doesNotContainAnyElementsOf(handled);
    }

    /** The deadline part of a Lambda context: what the runtime tells the function about its remaining time. */
    private static final class InvocationClock implements com.amazonaws.services.lambda.runtime.Context {
        private long remainingMillis;

        InvocationClock(long remainingMillis) {
            this.remainingMillis = remainingMillis;
        }

        void spend(long millis) {
            remainingMillis -= millis;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) remainingMillis;
        }

        @Override
        public String getAwsRequestId() {
            return "test";
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return "test";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            return null;
        }
    }

    private static List<String> failedBodies(List<Message> received, SQSBatchResponse response) {
        List<String> ids = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        return received.stream().filter(m -> ids.contains(m.messageId())).map(Message::body).toList();
    }
}
