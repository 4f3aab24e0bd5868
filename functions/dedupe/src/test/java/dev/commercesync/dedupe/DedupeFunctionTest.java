package dev.commercesync.dedupe;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.StockHold;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.idempotency.IdempotencyClaim;
import dev.commercesync.pipeline.idempotency.IdempotencyStore;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.metrics.EmfCapture;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LoopbackLambdaRuntime;
import dev.commercesync.pipeline.testing.QueueProbe;
import dev.commercesync.pipeline.testing.SampleOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The dedupe function on real queues (ElasticMQ) and real tables (DynamoDB Local). */
@QuarkusTest
@QuarkusTestResource(AwsEmulatorsResource.class)
@QuarkusTestResource(LoopbackLambdaRuntime.class)
class DedupeFunctionTest {

    @Inject
    DedupeHandler handler;
    @Inject
    SqsClient sqs;
    @Inject
    EventPublisher publisher;
    @Inject
    OrderStateStore orders;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    EventCodec codec;

    @ConfigProperty(name = "CANONICAL_QUEUE_URL")
    String canonicalQueueUrl;
    @ConfigProperty(name = "POSTING_QUEUE_URL")
    String postingQueueUrl;
    @ConfigProperty(name = "INVENTORY_QUEUE_URL")
    String inventoryQueueUrl;

    QueueProbe canonical;
    QueueProbe posting;
    QueueProbe inventory;

    @BeforeEach
    void emptyQueues() {
        canonical = new QueueProbe(sqs, canonicalQueueUrl);
        posting = new QueueProbe(sqs, postingQueueUrl);
        inventory = new QueueProbe(sqs, inventoryQueueUrl);
        canonical.drain();
        posting.drain();
        inventory.drain();
    }

    @Test
    void sameOrderDeliveredThreeTimesAmongOthersIsForwardedOnce() {
        Instant v1 = Instant.parse("2026-11-20T09:05:00Z");
        CanonicalOrder repeated = SampleOrders.order(SampleOrders.uniqueOrderId(), v1, 2);
        EventEnvelope<CanonicalOrder> event = SampleOrders.event(repeated, "orders/create");
        List<EventEnvelope<CanonicalOrder>> feed = new ArrayList<>(List.of(event, event, event));
        for (int i = 0; i < 4; i++) {
            feed.add(SampleOrders.event(SampleOrders.order(SampleOrders.uniqueOrderId(), v1, 1), "orders/create"));
        }
        Collections.shuffle(feed, new Random(7));
        feed.forEach(e -> publisher.publish(canonicalQueueUrl, e));

        SQSBatchResponse response;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            response = runFunctionOnQueue(7);
            // The batch's counts in one document for the channel.
            assertThat(emf.documentsWith("OrdersAccepted")).singleElement()
                    .satisfies(d -> assertThat(d.has("DuplicatesSuppressed")).isTrue());
            assertThat(emf.values("OrdersAccepted", Map.of("Channel", "shopify"))).hasSize(5).containsOnly(1.0);
            assertThat(emf.values("DuplicatesSuppressed", Map.of("Channel", "shopify"))).containsExactly(1.0, 1.0);
            assertThat(emf.unit("OrdersAccepted")).isEqualTo("Count");
        }

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<String> forwardedKeys = posting.drain().stream().map(this::orderKeyOf).toList();
        assertThat(forwardedKeys).hasSize(5).containsOnlyOnce(repeated.key().value());
        OrderRecord state = orders.find(repeated.key()).orElseThrow();
        assertThat(state.status()).isEqualTo(ProcessingState.PENDING_ERP);
        assertThat(state.timeline()).extracting(t -> t.step())
                .containsSubsequence("MAPPED", "ACCEPTED")
                .filteredOn("DUPLICATE_SUPPRESSED"::equals).hasSize(2);
    }

    @Test
    void acceptedVersionHoldsItsUnitsPerSkuOnceAndADuplicateHoldsNothingMore() {
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(), Instant.parse("2026-11-20T09:05:00Z"), 3);
        EventEnvelope<CanonicalOrder> event = SampleOrders.event(order, "orders/create");
        publisher.publish(canonicalQueueUrl, event);
        publisher.publish(canonicalQueueUrl, event);

        runFunctionOnQueue(2);

        List<Message> holds = inventory.drain();
        List<StockHold> payloads = holds.stream()
                .map(m -> codec.decode(m.body(), SchemaId.STOCK_HOLD_V1, StockHold.class).payload()).toList();
        Map<String, Long> expected = new TreeMap<>();
        order.lines().forEach(line -> expected.merge(line.sku(), (long) line.quantity(), Long::sum));
        assertThat(payloads).extracting(StockHold::sku).containsExactlyInAnyOrderElementsOf(expected.keySet());
        payloads.forEach(hold -> {
            assertThat(hold.quantity()).isEqualTo(expected.get(hold.sku()));
            assertThat(hold.orderKey()).isEqualTo(order.key().value());
            assertThat(hold.orderVersion()).isEqualTo(order.sourceUpdatedAt());
        });
        // One FIFO group per SKU, so a SKU's holds and stock figures are applied in the order they were sent.
        assertThat(holds).allSatisfy(m -> assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .startsWith("sku:"));
    }

    @Test
    void sameKeyWithDifferentContentIsRecordedAsConflictAndNotForwarded() {
        Instant v1 = Instant.parse("2026-11-20T09:05:00Z");
        String id = SampleOrders.uniqueOrderId();
        EventEnvelope<CanonicalOrder> original = SampleOrders.event(SampleOrders.order(id, v1, 1), "orders/create");
        CanonicalOrder changed = SampleOrders.order(id, v1, 3);
        EventEnvelope<CanonicalOrder> tampered = new EventEnvelope<>(original.schema(), "other-event",
                original.correlationId(), null, Instant.now(), original.channel(), original.orderKey(),
                original.idempotencyKey(), List.of(), changed);

        publisher.publish(canonicalQueueUrl, original);
        runFunctionOnQueue(1);
        publisher.publish(canonicalQueueUrl, tampered);
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            runFunctionOnQueue(1);
            assertThat(emf.values("BusinessExceptions", Map.of("Channel", "shopify", "ExceptionType", "CONFLICT")))
                    .containsExactly(1.0);
            assertThat(emf.documentsWith("OrdersAccepted")).isEmpty();
        }

        assertThat(posting.drain()).hasSize(1);
        OrderRecord state = orders.find(changed.key()).orElseThrow();
        assertThat(state.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("CONFLICT");
            assertThat(e.reason()).contains(original.idempotencyKey()).contains("different content");
        });
        assertThat(state.orderJson()).contains("\"quantity\":1");
    }

    @Test
    void olderVersionAfterNewerIsIgnored() {
        String id = SampleOrders.uniqueOrderId();
        Instant older = Instant.parse("2026-11-20T09:05:00Z");
        Instant newer = Instant.parse("2026-11-20T11:30:00Z");
        publisher.publish(canonicalQueueUrl, SampleOrders.event(SampleOrders.order(id, newer, 4), "orders/updated"));
        runFunctionOnQueue(1);
        publisher.publish(canonicalQueueUrl, SampleOrders.event(SampleOrders.order(id, older, 1), "orders/create"));
        runFunctionOnQueue(1);

        List<Message> forwarded = posting.drain();
        assertThat(forwarded).hasSize(1);
        assertThat(codec.decode(forwarded.get(0).body(), "commerce.order.v1", CanonicalOrder.class)
                .payload().sourceUpdatedAt()).isEqualTo(newer);
        OrderRecord state = orders.find(SampleOrders.order(id, newer, 4).key()).orElseThrow();
        assertThat(state.sourceUpdatedAt()).isEqualTo(newer);
        assertThat(state.timeline()).extracting(t -> t.step()).contains("STALE_VERSION_IGNORED");
    }

    @Test
    void redeliveryAfterACrashBetweenClaimAndForwardStillForwards() {
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(), Instant.parse("2026-11-20T09:05:00Z"), 1);
        EventEnvelope<CanonicalOrder> event = SampleOrders.event(order, "orders/create");
        publisher.publish(canonicalQueueUrl, event);
        List<Message> received = canonical.receive(1);
        // The earlier attempt claimed the key with this very message and died before forwarding.
        Instant now = Instant.now();
        idempotency.claim(new IdempotencyClaim(event.idempotencyKey(), PayloadFingerprint.of(order),
                order.key().value(), received.get(0).messageId(), now, now.plus(Duration.ofDays(1))));

        SQSBatchResponse response = handler.handleRequest(canonical.toEvent(received), null);
        canonical.acknowledge(received, response);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(posting.drain()).extracting(this::orderKeyOf).containsExactly(order.key().value());
    }

    @Test
    void onePoisonMessageInABatchOfTenFailsAloneAndStaysOnTheQueue() {
        Instant v1 = Instant.parse("2026-11-20T09:05:00Z");
        for (int i = 0; i < 9; i++) {
            publisher.publish(canonicalQueueUrl, SampleOrders.event(SampleOrders.order(SampleOrders.uniqueOrderId(), v1, 1),
                    "orders/create"));
        }
        sqs.sendMessage(b -> b.queueUrl(canonicalQueueUrl).messageBody("{\"schema\":\"commerce.order.v1\",\"oops\""));

        List<Message> received = canonical.receive(10);
        assertThat(received).hasSize(10);
        SQSBatchResponse response = handler.handleRequest(canonical.toEvent(received), null);
        canonical.acknowledge(received, response);

        String poisonId = received.stream().filter(m -> m.body().contains("oops")).findFirst().orElseThrow().messageId();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(poisonId);
        assertThat(posting.drain()).hasSize(9);
    }

    private SQSBatchResponse runFunctionOnQueue(int expected) {
        List<Message> received = canonical.receive(expected);
        assertThat(received).hasSize(expected);
        SQSBatchResponse response = handler.handleRequest(canonical.toEvent(received), null);
        canonical.acknowledge(received, response);
        return response;
    }

    private String orderKeyOf(Message message) {
        try {
            return CommerceJson.newMapper().readTree(message.body()).get("orderKey").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
