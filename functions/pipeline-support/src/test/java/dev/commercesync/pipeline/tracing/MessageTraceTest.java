package dev.commercesync.pipeline.tracing;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.pipeline.batch.RecordOutcome;
import dev.commercesync.pipeline.batch.SqsBatchProcessor;
import dev.commercesync.pipeline.batch.VisibilityControl;
import dev.commercesync.pipeline.logging.LogContext;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import dev.commercesync.pipeline.messaging.SqsEventPublisher;
import dev.commercesync.pipeline.testing.InMemorySpans;
import dev.commercesync.pipeline.testing.QueueProbe;
import dev.commercesync.pipeline.testing.SampleOrders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trace across a real queue (ElasticMQ), producer to consumer, as the messaging conventions draw it: the PRODUCER
 * span of the send request is the parent of the record's CONSUMER span (a batch consumer links it), the message
 * carries the PRODUCER span's context, and the batch processor exported the spans before it returned.
 */
class MessageTraceTest {

    private static RunningEmulators emulators;
    private static SqsClient sqs;
    private static ProvisionedStack stack;

    private InMemorySpans spans;
    private OpenTelemetrySdk sdk;
    private MessageTracing tracing;
    private SqsEventPublisher publisher;
    private QueueProbe queue;

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
    void tracedPipeline() {
        spans = new InMemorySpans();
        sdk = spans.sdk();
        tracing = new MessageTracing(sdk);
        publisher = new SqsEventPublisher(sqs, new EventCodec(), tracing);
        queue = new QueueProbe(sqs, stack.queueUrl("OrderIntakeQueue"));
        queue.drain();
    }

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    @Test
    void theConsumersParentIsTheSendSpanWhoseContextTheMessageCarries() {
        EventEnvelope<CanonicalOrder> event = orderEvent();
        Span caller = tracing.tracer().spanBuilder("caller").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            publisher.publish(queue.url(), event);
        } finally {
            caller.end();
        }
        List<Message> received = queue.receive(1);
        Map<String, Object> seen = new HashMap<>();

        SQSBatchResponse response = processor("map").process(queue.toEvent(received), message -> {
            seen.put("current", Span.current().getSpanContext().getSpanId());
            for (String key : List.of(LogContext.TRACE_ID, LogContext.SPAN_ID, LogContext.ORDER_KEY, LogContext.STEP,
                    LogContext.CORRELATION_ID, LogContext.MESSAGE_ID)) {
                seen.put(key, MDC.get(key));
            }
        });

        assertThat(response.getBatchItemFailures()).isEmpty();
        // Exported by the processor's flush: the SDK's own schedule is an hour.
        SpanData send = spans.named("OrderIntakeQueue send").orElseThrow();
        SpanData process = spans.named("OrderIntakeQueue process").orElseThrow();
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
        assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("aws_sqs");
        assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.operation.type"))).isEqualTo("send");
        assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo("OrderIntakeQueue");
        assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
                .isEqualTo(received.get(0).messageId());
        assertThat(received.get(0).messageAttributes().get(MessageAttributeNames.TRACEPARENT).stringValue())
                .isEqualTo("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01");

        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
        assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
                .isEqualTo(received.get(0).messageId());

        // The handler ran in the record's span and log context, which is gone afterwards.
        assertThat(seen).containsEntry("current", process.getSpanId())
                .containsEntry(LogContext.TRACE_ID, process.getTraceId())
                .containsEntry(LogContext.SPAN_ID, process.getSpanId())
                .containsEntry(LogContext.ORDER_KEY, event.orderKey())
                .containsEntry(LogContext.STEP, "map")
                .containsEntry(LogContext.CORRELATION_ID, event.correlationId())
                .containsEntry(LogContext.MESSAGE_ID, received.get(0).messageId());
        assertThat(MDC.get(LogContext.ORDER_KEY)).isNull();
        assertThat(MDC.get(LogContext.TRACE_ID)).isNull();
    }

    @Test
    void aBatchSendIsOneProducerSpanAndTheBatchConsumerLinksIt() {
        List<EventEnvelope<?>> events = new ArrayList<>(List.of(orderEvent(), orderEvent(), orderEvent()));
        publisher.publishAll(queue.url(), events);
        List<Message> received = queue.receive(3);
        assertThat(received).hasSize(3);
        Map<String, Object> seen = new HashMap<>();

        SQSBatchResponse response = processor("map").processTogether(queue.toEvent(received), "stock", messages -> {
            seen.put(LogContext.STEP, MDC.get(LogContext.STEP));
            seen.put(LogContext.SPAN_ID, MDC.get(LogContext.SPAN_ID));
            return Map.<String, RecordOutcome>of();
        });

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<SpanData> sends = spans.ofKind(SpanKind.PRODUCER);
        assertThat(sends).hasSize(1);
        SpanData send = sends.get(0);
        assertThat(send.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count"))).isEqualTo(3L);
        assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.operation.name")))
                .isEqualTo("SendMessageBatch");
        assertThat(received).allSatisfy(m -> assertThat(m.messageAttributes().get(MessageAttributeNames.TRACEPARENT)
                .stringValue()).isEqualTo("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01"));

        SpanData process = spans.ofKind(SpanKind.CONSUMER).get(0);
        assertThat(process.getName()).isEqualTo("OrderIntakeQueue process");
        // One link per producer span, not per message: all three came from one request.
        assertThat(process.getLinks())
                .extracting(link -> link.getSpanContext().getTraceId() + "-" + link.getSpanContext().getSpanId())
                .containsExactly(send.getTraceId() + "-" + send.getSpanId());
        assertThat(seen).containsEntry(LogContext.STEP, "stock").containsEntry(LogContext.SPAN_ID, process.getSpanId());
    }

    private SqsBatchProcessor processor(String step) {
        return new SqsBatchProcessor(tracing, new VisibilityControl(sqs), Duration.ofSeconds(15),
                new TelemetryFlush(sdk, Duration.ofSeconds(5)), step);
    }

    private static EventEnvelope<CanonicalOrder> orderEvent() {
        return SampleOrders.event(SampleOrders.order(SampleOrders.uniqueOrderId(), Instant.parse("2026-11-20T09:00:00Z"),
                1), "orders/create");
    }
}
