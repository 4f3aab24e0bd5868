package dev.commercesync.map;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.commercesync.map.channel.ChannelFixtures;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import dev.commercesync.pipeline.metrics.EmfCapture;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LoopbackLambdaRuntime;
import dev.commercesync.pipeline.testing.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The map function on real queues (ElasticMQ) and the real order-state table (DynamoDB Local). */
@QuarkusTest
@QuarkusTestResource(AwsEmulatorsResource.class)
@QuarkusTestResource(LoopbackLambdaRuntime.class)
class MapFunctionTest {

    @Inject
    MapHandler handler;
    @Inject
    SqsClient sqs;
    @Inject
    EventPublisher publisher;
    @Inject
    EventCodec codec;
    @Inject
    OrderStateStore orders;

    @ConfigProperty(name = "INTAKE_QUEUE_URL")
    String intakeQueueUrl;
    @ConfigProperty(name = "CANONICAL_QUEUE_URL")
    String canonicalQueueUrl;

    QueueProbe intake;
    QueueProbe canonical;

    @BeforeEach
    void emptyQueues() {
        intake = new QueueProbe(sqs, intakeQueueUrl);
        canonical = new QueueProbe(sqs, canonicalQueueUrl);
        intake.drain();
        canonical.drain();
    }

    @Test
    void mapsAChannelOrderAndForwardsTheCanonicalEventWithItsTrailAndCorrelation() {
        EventEnvelope<RawOrderReceived> raw = intakeEvent(ChannelFixtures.raw("shopify", "order-tax-inclusive-eur-discounts.json"));
        publisher.publish(intakeQueueUrl, raw);

        SQSBatchResponse response = runFunction(1);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<Message> out = canonical.drain();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).messageAttributes().get(MessageAttributeNames.CORRELATION_ID).stringValue())
                .isEqualTo(raw.correlationId());
        EventEnvelope<CanonicalOrder> event = codec.decode(out.get(0).body(), SchemaId.ORDER_V1, CanonicalOrder.class);
        assertThat(event.causationId()).isEqualTo(raw.eventId());
        assertThat(event.correlationId()).isEqualTo(raw.correlationId());
        assertThat(event.idempotencyKey()).startsWith("shopify:" + raw.payload().channelOrderId() + ":orders/create:");
        assertThat(event.payload().totals().grandTotal().amount()).isEqualByComparingTo("80.32");
        assertThat(event.payload().currency()).isEqualTo("EUR");
        assertThat(event.trail()).extracting(TimelineEntry::step).containsExactly("RECEIVED", "MAPPED");
    }

    @Test
    void totalsThatDoNotReconcileAreRecordedAsMappingFailedWithTheDifferenceAndNotRetried() {
        RawOrderReceived payload = ChannelFixtures.raw("shopify", "order-totals-mismatch.json");
        EventEnvelope<RawOrderReceived> raw = intakeEvent(payload);
        publisher.publish(intakeQueueUrl, raw);

        SQSBatchResponse response;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            response = runFunction(1);
            assertThat(emf.values("BusinessExceptions", Map.of("Channel", "shopify", "ExceptionType", "MAPPING_FAILED")))
                    .containsExactly(1.0);
            assertThat(emf.dimensionSets("BusinessExceptions"))
                    .containsExactlyInAnyOrder(Set.of("Channel", "ExceptionType"), Set.of());
        }

        assertThat(response.getBatchItemFailures()).as("a business exception is recorded, not retried").isEmpty();
        assertThat(canonical.drain()).isEmpty();
        OrderRecord state = orders.find(ChannelOrderKey.parse(raw.orderKey())).orElseThrow();
        assertThat(state.status()).isEqualTo(ProcessingState.MAPPING_FAILED);
        assertThat(state.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("MAPPING_FAILED");
            assertThat(e.reason()).contains("grandTotal").contains("difference 0.10 USD");
            assertThat(e.correlationId()).isEqualTo(raw.correlationId());
        });
        assertThat(state.rawPayload()).isEqualTo(payload.body());
        assertThat(state.timeline()).extracting(TimelineEntry::step).containsExactly("RECEIVED", "MAPPING_FAILED");
    }

    @Test
    void aBodyThatIsNotJsonIsAMappingFailureNamingTheFault() {
        String orderId = "9" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
        RawOrderReceived payload = new RawOrderReceived("ebay", orderId, Instant.now(), null, "order", null,
                "{\"orderId\":\"" + orderId + "\",\"pricingSummary\":");
        publisher.publish(intakeQueueUrl, intakeEvent(payload));

        assertThat(runFunction(1).getBatchItemFailures()).isEmpty();

        OrderRecord state = orders.find(new ChannelOrderKey(SalesChannel.EBAY, orderId)).orElseThrow();
        assertThat(state.status()).isEqualTo(ProcessingState.MAPPING_FAILED);
        assertThat(state.exceptions()).singleElement().extracting(e -> e.reason()).asString().isNotBlank();
    }

    @Test
    void aMessageThatIsNotAnEnvelopeFailsAloneAndTheRestOfTheBatchGoesThrough() {
        publisher.publish(intakeQueueUrl, intakeEvent(ChannelFixtures.raw("amazon", "order-de-tax-inclusive-promotion.json")));
        sqs.sendMessage(b -> b.queueUrl(intakeQueueUrl).messageBody("not an envelope"));
        publisher.publish(intakeQueueUrl, intakeEvent(ChannelFixtures.raw("ebay", "order-gb-multi-line-discount.json")));

        List<Message> received = intake.receive(3);
        SQSBatchResponse response = handler.handleRequest(intake.toEvent(received), null);
        intake.acknowledge(received, response);

        String poison = received.stream().filter(m -> m.body().equals("not an envelope")).findFirst().orElseThrow()
                .messageId();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(poison);
        assertThat(canonical.drain()).hasSize(2);
    }

    private SQSBatchResponse runFunction(int expected) {
        List<Message> received = intake.receive(expected);
        assertThat(received).hasSize(expected);
        SQSBatchResponse response = handler.handleRequest(intake.toEvent(received), null);
        intake.acknowledge(received, response);
        return response;
    }

    /** The envelope ingest puts on the intake queue. */
    private static EventEnvelope<RawOrderReceived> intakeEvent(RawOrderReceived payload) {
        String correlationId = "corr-" + UUID.randomUUID();
        String orderKey = payload.channel() + ":" + payload.channelOrderId();
        return new EventEnvelope<>(SchemaId.RAW_ORDER_V1, UUID.randomUUID().toString(), correlationId, null,
                Instant.now(), payload.channel(), orderKey, null,
                List.of(new TimelineEntry(Instant.now(), "RECEIVED", correlationId, null, "test intake")), payload);
    }
}
