package dev.commercesync.pipeline.messaging;

import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.StockEvent;
import dev.commercesync.pipeline.tracing.MessageTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Per-entry failures of SendMessageBatch, which ElasticMQ never produces (it fails whole requests): a scripted SQS
 * client answers entry by entry, as SQS does when it throttles or has an internal error on some entries.
 */
class SqsEventPublisherRetryTest {

    private static final String FIFO = "https://sqs.eu-west-1.amazonaws.com/123456789012/inventory.fifo";

    @Test
    void entriesSqsFailedOnItsSideAreRetriedUntilTaken() {
        ScriptedSqs sqs = new ScriptedSqs();
        List<EventEnvelope<?>> events = events(5);
        sqs.failTimes(body(events.get(1)), 2, false);

        publisher(sqs).publishAll(FIFO, events);

        assertThat(sqs.taken).containsExactlyElementsOf(List.of(body(events.get(0)), body(events.get(2)),
                body(events.get(3)), body(events.get(4)), body(events.get(1))));
    }

    @Test
    void entriesRefusedOrFailingThriceAreNamedAndHoldBackTheRestOfTheirGroupOnly() {
        ScriptedSqs sqs = new ScriptedSqs();
        List<EventEnvelope<?>> events = events(24); // SKU-0 (even) and SKU-1 (odd) alternate
        sqs.failTimes(body(events.get(2)), 1, true);   // SKU-0, refused: not retried
        sqs.failTimes(body(events.get(13)), 3, false); // SKU-1, failing on every attempt

        PublishFailedException failure = catchThrowableOfType(PublishFailedException.class,
                () -> publisher(sqs).publishAll(FIFO, events));

        // Request 1 is events 0-9: 2 is refused, the SKU-0 events after it in that request went already. Request 2
        // leaves out the rest of SKU-0 and so holds every remaining SKU-1 event (11-23): only 13 fails.
        List<String> expected = new ArrayList<>();
        expected.add(events.get(2).eventId());
        for (int i = 10; i < 24; i++) {
            if (i % 2 == 0 || i == 13) {
                expected.add(events.get(i).eventId());
            }
        }
        assertThat(failure.notSentEventIds()).containsExactlyElementsOf(expected);
        assertThat(sqs.attempts.get(body(events.get(2)))).isEqualTo(1);
        assertThat(sqs.attempts.get(body(events.get(13)))).isEqualTo(SqsEventPublisher.MAX_BATCH_ATTEMPTS);
    }

    private static SqsEventPublisher publisher(SqsClient sqs) {
        return new SqsEventPublisher(sqs, new EventCodec(), new MessageTracing(OpenTelemetry.noop()), Duration.ZERO);
    }

    private static List<EventEnvelope<?>> events(int count) {
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StockEvent stock = new StockEvent("SKU-" + (i % 2), null, i, 0, (long) i, null, "erp");
            events.add(new EventEnvelope<>(SchemaId.STOCK_V1, UUID.randomUUID().toString(), "corr", null,
                    Instant.parse("2026-11-25T12:00:00Z"), null, null, stock.idempotencyKey(), List.of(), stock));
        }
        return events;
    }

    private static String body(EventEnvelope<?> event) {
        return new EventCodec().encode(event);
    }

    /** Takes every entry except those scripted to fail, which fail the given number of attempts. */
    private static final class ScriptedSqs implements SqsClient {
        final List<String> taken = new ArrayList<>();
        final Map<String, Integer> attempts = new HashMap<>();
        private final Map<String, Integer> failuresLeft = new HashMap<>();
        private final Map<String, Boolean> senderFault = new HashMap<>();

        void failTimes(String body, int times, boolean isSenderFault) {
            failuresLeft.put(body, times);
            senderFault.put(body, isSenderFault);
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            assertThat(request.entries()).hasSizeLessThanOrEqualTo(10);
            List<SendMessageBatchResultEntry> ok = new ArrayList<>();
            List<BatchResultErrorEntry> failed = new ArrayList<>();
            for (SendMessageBatchRequestEntry entry : request.entries()) {
                assertThat(entry.messageGroupId()).startsWith("sku:");
                attempts.merge(entry.messageBody(), 1, Integer::sum);
                int left = failuresLeft.getOrDefault(entry.messageBody(), 0);
                if (left > 0) {
                    failuresLeft.put(entry.messageBody(), left - 1);
                    failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError")
                            .message("scripted").senderFault(senderFault.get(entry.messageBody())).build());
                } else {
                    taken.add(entry.messageBody());
                    ok.add(SendMessageBatchResultEntry.builder().id(entry.id()).messageId(UUID.randomUUID().toString())
                            .build());
                }
            }
            return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }
}
