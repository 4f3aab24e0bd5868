package dev.commercesync.runlocal.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.runlocal.lambda.FunctionInstance;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.Invocation;
import dev.commercesync.runlocal.lambda.LocalFunction;
import dev.commercesync.runlocal.lambda.SharedTestStack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The dedupe function's own {@code function.zip}, run by the managed-runtime emulation and fed by the event source
 * mapping the template declares: CanonicalOrderQueue → DedupeFunction → ErpPostingQueue, on the emulators.
 */
class DedupeEventSourceTest {

    private static final Duration LONG_POLL = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static SharedTestStack shared;
    private static LocalFunction dedupe;

    private final ObjectMapper json = new ObjectMapper();
    private QueueWatch canonical;
    private QueueWatch canonicalDlq;
    private QueueWatch posting;

    @BeforeAll
    static void warmDedupe() throws Exception {
        shared = SharedTestStack.get();
        dedupe = shared.function("DedupeFunction");
        // The first invocation pays the cold start; the tests then time redelivery, not JVM start-up.
        Invocation warm = dedupe.invoke("{\"Records\":[]}").get(60, TimeUnit.SECONDS);
        assertThat(warm).isInstanceOf(Invocation.Success.class);
    }

    @AfterAll
    static void reportColdStarts() {
        System.getLogger(DedupeEventSourceTest.class.getName()).log(System.Logger.Level.INFO,
                "DedupeFunction cold starts: {0}", dedupe.coldStarts());
    }

    @BeforeEach
    void emptyQueues() {
        canonical = new QueueWatch(shared.sqs(), shared.stack().queueUrl("CanonicalOrderQueue"));
        canonicalDlq = new QueueWatch(shared.sqs(), shared.stack().queueUrl("CanonicalOrderDLQ"));
        posting = new QueueWatch(shared.sqs(), shared.stack().queueUrl("ErpPostingQueue"));
        Stream.of(canonical, canonicalDlq, posting).forEach(QueueWatch::purge);
    }

    @Test
    void canonicalOrdersReachThePostingQueueAndAPoisonMessageTheDeadLetterQueue() throws Exception {
        List<String> orderIds = List.of(CanonicalOrderEvents.uniqueOrderId(), CanonicalOrderEvents.uniqueOrderId(),
                CanonicalOrderEvents.uniqueOrderId());
        orderIds.forEach(id -> send(CanonicalOrderEvents.newOrderEvent(id)));
        send("{\"schema\":\"commerce.order.v1\",\"payload\":\"this is not an order\"}");
        MappingDefinition mapping = MappingDefinition.fromTemplate(shared.stack(), "DedupeFunction");

        try (SqsEventSourceMapping source = SqsEventSourceMapping.start(mapping, shared.sqs(), dedupe, LONG_POLL)) {
            List<Message> posted = posting.take(3, PATIENCE);
            assertThat(posted).extracting(m -> json.readTree(m.body()).path("orderKey").asText())
                    .containsExactlyInAnyOrderElementsOf(orderIds.stream().map(CanonicalOrderEvents::orderKey)
                            .toList());
            assertThat(posted).allSatisfy(m -> assertThat(m.attributesAsStrings()).containsKey("MessageGroupId"));

            // The poison message failed alone: received MaxReceiveCount times, then moved by the queue's redrive.
            List<Message> dead = canonicalDlq.take(1, PATIENCE);
            assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).contains("this is not an order"));
            QueueWatch.awaitCondition("the canonical queue to be empty", PATIENCE,
                    () -> canonical.messagesOnQueue() == 0 && source.stats().inFlight() == 0);
            MappingStats stats = source.stats();
            assertThat(stats.deleted()).isEqualTo(3);
            assertThat(stats.failedRecords()).isEqualTo(SharedTestStack.MAX_RECEIVE_COUNT);
            assertThat(stats.failedBatches()).isZero();
        }
    }

    @Test
    void aProcessKilledMidBatchDeletesNothingAndTheBatchIsProcessedLater() throws Exception {
        List<String> orderIds = List.of(CanonicalOrderEvents.uniqueOrderId(), CanonicalOrderEvents.uniqueOrderId(),
                CanonicalOrderEvents.uniqueOrderId());
        orderIds.forEach(id -> send(CanonicalOrderEvents.newOrderEvent(id)));
        FunctionInstance before = dedupe.instances().get(0);
        int coldStartsBefore = dedupe.coldStarts().size();
        AtomicBoolean killed = new AtomicBoolean();
        FunctionInvoker killFirstInvocation = payload -> {
            CompletableFuture<Invocation> invocation = dedupe.invoke(payload);
            if (killed.compareAndSet(false, true)) {
                awaitBusy(before);
                dedupe.kill(before);
            }
            return invocation;
        };
        MappingDefinition mapping = MappingDefinition.fromTemplate(shared.stack(), "DedupeFunction");

        try (SqsEventSourceMapping source = SqsEventSourceMapping.start(mapping, shared.sqs(), killFirstInvocation,
                LONG_POLL)) {
            QueueWatch.awaitCondition("the crashed batch", PATIENCE, () -> source.stats().failedBatches() == 1);
            // Nothing was deleted: all three are still on the queue, invisible until their visibility timeout ends.
            // (On a busy machine the SIGKILL may land after dedupe forwarded some of them: at-least-once delivery
            // allows that, and the FIFO deduplication id and dedupe's idempotency keep the postings single.)
            assertThat(canonical.messagesOnQueue()).isEqualTo(3);
            assertThat(source.stats().deleted()).isZero();

            List<Message> posted = posting.take(3, PATIENCE);
            assertThat(posted).extracting(m -> json.readTree(m.body()).path("orderKey").asText())
                    .containsExactlyInAnyOrderElementsOf(orderIds.stream().map(CanonicalOrderEvents::orderKey)
                            .toList());
            // The counter moves when DeleteMessageBatch has answered, a moment after the queue is empty.
            QueueWatch.awaitCondition("the redelivered batch to be deleted", PATIENCE,
                    () -> source.stats().deleted() == 3);
            assertThat(canonical.messagesOnQueue()).isZero();
            assertThat(posting.take(1, Duration.ofSeconds(1))).isEmpty();
        }
        assertThat(dedupe.instances()).extracting(FunctionInstance::id).doesNotContain(before.id());
        assertThat(dedupe.coldStarts()).hasSize(coldStartsBefore + 1);
    }

    private void send(String body) {
        shared.sqs().sendMessage(b -> b.queueUrl(shared.stack().queueUrl("CanonicalOrderQueue")).messageBody(body));
    }

    private static void awaitBusy(FunctionInstance instance) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (instance.state() != FunctionInstance.State.BUSY) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(instance + " never took the batch");
            }
            Thread.onSpinWait();
        }
    }
}
