package dev.commercesync.runlocal.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.Invocation;
import dev.commercesync.runlocal.lambda.SharedTestStack;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The event source mapping on real queues (ElasticMQ) with stand-in functions: the event it builds, how it batches,
 * what it deletes, and how it stops.
 */
class SqsEventSourceMappingTest {

    private static final Duration LONG_POLL = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private SharedTestStack shared;
    private QueueWatch canonical;
    private QueueWatch posting;

    @BeforeEach
    void emptyQueues() {
        shared = SharedTestStack.get();
        canonical = new QueueWatch(shared.sqs(), shared.stack().queueUrl("CanonicalOrderQueue"));
        posting = new QueueWatch(shared.sqs(), shared.stack().queueUrl("ErpPostingQueue"));
        canonical.purge();
        posting.purge();
    }

    private FunctionInvoker answering(String payload) {
        return event -> {
            events.add(event);
            return CompletableFuture.completedFuture(new Invocation.Success("r-" + events.size(), payload));
        };
    }

    private MappingDefinition canonicalQueue(int batchSize, Duration window) {
        MappingDefinition template = MappingDefinition.fromTemplate(shared.stack(), "DedupeFunction");
        return new MappingDefinition(template.functionLogicalId(), template.eventName(), template.queueLogicalId(),
                template.queueUrl(), template.queueArn(), false, batchSize, window, 2, true);
    }

    @Test
    void recordsAreShapedAsLambdaSendsThem() throws Exception {
        String body = "{\"order\":\"caf\u00e9\"}";
        shared.sqs().sendMessage(b -> b.queueUrl(canonical.url()).messageBody(body).messageAttributes(Map.of(
                "correlationId", MessageAttributeValue.builder().dataType("String").stringValue("corr-1").build(),
                "attempt", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                "digest", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build())));
        MappingDefinition mapping = canonicalQueue(10, Duration.ZERO);

        try (SqsEventSourceMapping source = SqsEventSourceMapping.start(mapping, shared.sqs(),
                answering("{\"batchItemFailures\":[]}"), LONG_POLL)) {
            QueueWatch.awaitCondition("the message to be deleted", PATIENCE, () -> source.stats().deleted() == 1);
        }

        JsonNode record = json.readTree(events.get(0)).path("Records").get(0);
        assertThat(json.readTree(events.get(0)).path("Records")).hasSize(1);
        assertThat(record.path("messageId").asText()).isNotBlank();
        assertThat(record.path("receiptHandle").asText()).isNotBlank();
        assertThat(record.path("body").asText()).isEqualTo(body);
        assertThat(record.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.path("attributes").fieldNames()).toIterable()
                .contains("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
        assertThat(record.path("messageAttributes").path("correlationId").toString()).isEqualTo(
                "{\"stringValue\":\"corr-1\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}");
        assertThat(record.path("messageAttributes").path("attempt").path("dataType").asText()).isEqualTo("Number");
        assertThat(record.path("messageAttributes").path("digest").path("binaryValue").asText()).isEqualTo("AQID");
        assertThat(record.path("md5OfBody").asText()).isEqualTo(md5(body));
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo(mapping.queueArn())
                .isEqualTo("arn:aws:sqs:us-east-1:000000000000:CanonicalOrderQueue");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(canonical.messagesOnQueue()).isZero();
    }

    @Test
    void fifoRecordsCarryTheirGroupDeduplicationIdAndSequenceNumber() throws Exception {
        shared.sqs().sendMessage(b -> b.queueUrl(posting.url()).messageBody("{\"posting\":1}")
                .messageGroupId("shopify:1001").messageDeduplicationId("dedupe-1001"));
        MappingDefinition mapping = MappingDefinition.fromTemplate(shared.stack(), "PostToErpFunction");

        try (SqsEventSourceMapping source = SqsEventSourceMapping.start(mapping, shared.sqs(), answering(""),
                LONG_POLL)) {
            QueueWatch.awaitCondition("the posting to be deleted", PATIENCE, () -> source.stats().deleted() == 1);
        }

        JsonNode attributes = json.readTree(events.get(0)).path("Records").get(0).path("attributes");
        assertThat(attributes.path("MessageGroupId").asText()).isEqualTo("shopify:1001");
        assertThat(attributes.path("MessageDeduplicationId").asText()).isEqualTo("dedupe-1001");
        assertThat(attributes.path("SequenceNumber").asText()).isNotBlank();
        assertThat(json.readTree(events.get(0)).path("Records").get(0).path("eventSourceARN").asText())
                .endsWith(":ErpPostingQueue.fifo");
    }

    @Test
    void aBatchingWindowHoldsTheBatchOpenAndGathersWhatArrivesMeanwhile() throws Exception {
        MappingDefinition mapping = canonicalQueue(10, Duration.ofSeconds(2));
        record Delivery(long atNanos, String event) {
        }
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        FunctionInvoker function = event -> {
            deliveries.add(new Delivery(System.nanoTime(), event));
            return CompletableFuture.completedFuture(new Invocation.Success("r", ""));
        };

        try (SqsEventSourceMapping source = SqsEventSourceMapping.start(mapping, shared.sqs(), function,
                LONG_POLL)) {
            long sentAt = System.nanoTime();
            send("first");
            Thread.sleep(600);
            send("second");
            send("third");
            QueueWatch.awaitCondition("all three to be deleted", PATIENCE, () -> source.stats().deleted() == 3);

            // Two pollers (the least ScalingConfig allows) may split them, as in AWS; but whichever poller took
            // "first" kept its batch open for the window before invoking...
            Delivery withFirst = deliveries.stream().filter(d -> d.event().contains("\"body\":\"first\""))
                    .findFirst().orElseThrow();
            assertThat(Duration.ofNanos(withFirst.atNanos() - sentAt)).isGreaterThan(Duration.ofMillis(1800));
            // ...and nobody invoked per message: each open window gathered what arrived while it was open.
            assertThat(source.stats().batches()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void answersThatCannotBeTrustedDeleteNothing() throws Exception {
        send("unparseable");
        send("unknown-id");
        send("not-invoked");
        CheckedInvoker function = event -> {
            events.add(event);
            String body = json.readTree(event).path("Records").get(0).path("body").asText();
            return switch (body) {
                case "unparseable" -> CompletableFuture.completedFuture(new Invocation.Success("r", "<html>"));
                case "unknown-id" -> CompletableFuture.completedFuture(new Invocation.Success("r",
                        "{\"batchItemFailures\":[{\"itemIdentifier\":\"00000000-0000-0000-0000-000000000000\"}]}"));
                default -> CompletableFuture.failedFuture(new IllegalStateException("the function is closed"));
            };
        };

        try (SqsEventSourceMapping source = SqsEventSourceMapping.start(canonicalQueue(1, Duration.ZERO),
                shared.sqs(), asChecked(function), LONG_POLL)) {
            QueueWatch.awaitCondition("three invocations", PATIENCE, () -> source.stats().batches() == 3);
            QueueWatch.awaitCondition("three settled", PATIENCE, () -> source.stats().inFlight() == 0);
            assertThat(source.stats()).isEqualTo(new MappingStats(3, 3, 0, 3, 3, 0));
        }
        assertThat(canonical.messagesOnQueue()).isEqualTo(3);
    }

    @Test
    void stopLetsTheBatchInHandFinish() throws Exception {
        send("slow");
        var slowFunction = Executors.newSingleThreadExecutor();
        FunctionInvoker slow = event -> CompletableFuture.supplyAsync(() -> {
            sleep(1000);
            return new Invocation.Success("r", "");
        }, slowFunction);
        SqsEventSourceMapping source = SqsEventSourceMapping.start(canonicalQueue(10, Duration.ZERO), shared.sqs(),
                slow, LONG_POLL);
        QueueWatch.awaitCondition("the invocation to start", PATIENCE, () -> source.stats().inFlight() == 1);

        source.stop();

        assertThat(source.stats()).isEqualTo(new MappingStats(1, 1, 1, 0, 0, 0));
        assertThat(canonical.messagesOnQueue()).isZero();
        slowFunction.shutdownNow();
        slowFunction.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void send(String body) {
        shared.sqs().sendMessage(b -> b.queueUrl(canonical.url()).messageBody(body));
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the stand-in read JSON without a try block of its own. */
    private interface CheckedInvoker {
        CompletableFuture<Invocation> invoke(String event) throws Exception;
    }

    private static FunctionInvoker asChecked(CheckedInvoker invoker) {
        return event -> {
            try {
                return invoker.invoke(event);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
