package dev.commercesync.pipeline.messaging;

import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.StockEvent;
import dev.commercesync.model.inventory.StockKeys;
import dev.commercesync.pipeline.testing.QueueProbe;
import dev.commercesync.pipeline.tracing.MessageTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Single and batch publishing on the real FIFO inventory queue (ElasticMQ), as infra/template.yaml declares it. */
class SqsEventPublisherTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    private static RunningEmulators emulators;
    private static SqsClient sqs;
    private static ProvisionedStack stack;

    private final EventCodec codec = new EventCodec();
    private SqsEventPublisher publisher;
    private QueueProbe inventory;

    @BeforeAll
    static void startEmulators() {
        Path root = RepositoryRoot.locate();
        emulators = LocalEmulators.start(root);
        sqs = emulators.newSqsClient();
        stack = new StackProvisioner(sqs, emulators.newDynamoDbClient())
                .provision(SamTemplate.read(RepositoryRoot.template(root)));
    }

    @AfterAll
    static void stopEmulators() {
        emulators.close();
    }

    @BeforeEach
    void emptyQueue() {
        publisher = new SqsEventPublisher(sqs, codec, new MessageTracing(OpenTelemetry.noop()), Duration.ofMillis(10));
        inventory = new QueueProbe(sqs, stack.queueUrl("InventoryQueue"));
        sqs.purgeQueue(b -> b.queueUrl(inventory.url()));
    }

    @Test
    void aGroupedPayloadOnAFifoQueueIsGroupedByItsOwnGroupNotTheOrder() {
        EventEnvelope<StockEvent> event = stock("SKU-1", 7, "corr-single");

        publisher.publish(inventory.url(), event);

        Message message = inventory.receive(1).get(0);
        assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("sku:SKU-1");
        assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .isEqualTo(SqsEventPublisher.sha256(event.idempotencyKey()));
        assertThat(codec.decode(message.body(), SchemaId.STOCK_V1, StockEvent.class)).isEqualTo(event);
    }

    @Test
    void aBatchOf23ArrivesWholeWithAttributesAndInOrderWithinEachGroup() {
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Three SKUs interleaved, each with rising sequences.
            events.add(stock("SKU-" + (i % 3), i, "corr-batch-" + i));
        }

        try (Scope ignored = Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                TraceState.getDefault())).makeCurrent()) {
            publisher.publishAll(inventory.url(), events);
        }

        List<Message> received = receiveAll(23);
        assertThat(received).hasSize(23);
        for (Message m : received) {
            EventEnvelope<StockEvent> e = codec.decode(m.body(), SchemaId.STOCK_V1, StockEvent.class);
            assertThat(m.messageAttributes().get(MessageAttributeNames.CORRELATION_ID).stringValue())
                    .isEqualTo(e.correlationId());
            assertThat(m.messageAttributes().get(MessageAttributeNames.SCHEMA).stringValue())
                    .isEqualTo(SchemaId.STOCK_V1);
            assertThat(m.messageAttributes().get(MessageAttributeNames.TRACEPARENT).stringValue())
                    .isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
            assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .isEqualTo(StockKeys.group(e.payload().sku()));
        }
        Map<String, List<Long>> sequencesBySku = received.stream()
                .map(m -> codec.decode(m.body(), SchemaId.STOCK_V1, StockEvent.class).payload())
                .collect(Collectors.groupingBy(StockEvent::sku, Collectors.mapping(StockEvent::sequence,
                        Collectors.toList())));
        assertThat(sequencesBySku.get("SKU-0")).containsExactly(0L, 3L, 6L, 9L, 12L, 15L, 18L, 21L);
        assertThat(sequencesBySku.get("SKU-1")).containsExactly(1L, 4L, 7L, 10L, 13L, 16L, 19L, 22L);
        assertThat(sequencesBySku.get("SKU-2")).containsExactly(2L, 5L, 8L, 11L, 14L, 17L, 20L);
    }

    @Test
    void whenTheQueueTakesNothingEveryEventIsNamedAsNotSent() {
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(stock("SKU-GONE", i, "corr-gone"));
        }

        PublishFailedException failure = catchThrowableOfType(PublishFailedException.class,
                () -> publisher.publishAll(inventory.url() + "-deleted.fifo", events));

        assertThat(failure.notSentEventIds()).containsExactlyElementsOf(
                events.stream().map(EventEnvelope::eventId).toList());
    }

    @Test
    void aRequestSqsRefusesStopsTheCallWithEarlierRequestsQueuedAndTheRestNamed() {
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            events.add(stock("SKU-" + (i % 2), i, "corr-refused"));
        }
        // U+FFFF is not a character SQS accepts in a message body: it refuses the request that carries it (the
        // second of two: ten entries per request).
        EventEnvelope<StockEvent> refused = new EventEnvelope<>(SchemaId.STOCK_V1, UUID.randomUUID().toString(),
                "corr-refused", null, Instant.now(), null, null, "refused-" + UUID.randomUUID(),
                List.of(), new StockEvent("SKU-0", null, 1, 0, 100L, null, "erp\uFFFF"));
        events.add(11, refused);

        PublishFailedException failure = catchThrowableOfType(PublishFailedException.class,
                () -> publisher.publishAll(inventory.url(), events));

        List<String> ids = events.stream().map(EventEnvelope::eventId).toList();
        assertThat(failure.notSentEventIds()).containsExactlyElementsOf(ids.subList(10, ids.size()));
        assertThat(receiveAll(10)).extracting(m -> codec.decode(m.body(), SchemaId.STOCK_V1, StockEvent.class).eventId())
                .containsExactlyInAnyOrderElementsOf(ids.subList(0, 10));
    }

    /** Receives and deletes, so that FIFO hands out each group's next message. */
    private List<Message> receiveAll(int expected) {
        List<Message> all = new ArrayList<>();
        for (int round = 0; round < 20 && all.size() < expected; round++) {
            all.addAll(inventory.drain());
        }
        return all;
    }

    private static EventEnvelope<StockEvent> stock(String sku, long sequence, String correlationId) {
        StockEvent event = new StockEvent(sku, null, 10 + sequence, 0, sequence, Instant.parse("2026-11-25T12:00:00Z"),
                "erp");
        return new EventEnvelope<>(SchemaId.STOCK_V1, UUID.randomUUID().toString(), correlationId, null,
                Instant.parse("2026-11-25T12:00:01Z"), null, null, event.idempotencyKey() + ":" + UUID.randomUUID(),
                List.of(), event);
    }
}
