package dev.commercesync.runlocal.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.Invocation;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping, locally: {@code MaximumConcurrency} pollers each long-poll the queue, gather a
 * batch ({@code BatchSize}, {@code MaximumBatchingWindowInSeconds}, 6 MB), invoke the function synchronously and
 * delete what the function succeeded for. Nothing else is ever deleted, so no message is lost: failed records come
 * back after the queue's visibility timeout, and the queue's own redrive policy moves them to the DLQ after
 * {@code maxReceiveCount} receives (ElasticMQ implements that, as SQS does).
 *
 * <p>Not modelled: Lambda's scaling of pollers with the backlog (here always {@code MaximumConcurrency}) and its
 * back-off after function errors.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    /** Lambda's limit on an invocation payload: a batch stops growing before it could exceed it. */
    static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;
    /** SQS's largest message, plus room for the record's other fields. */
    private static final long MAX_RECORD_BYTES = 256L * 1024 + 2048;
    private static final int MAX_RECEIVE = 10;
    private static final Duration RECEIVE_RETRY = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(SqsEventSourceMapping.class.getName());

    private final MappingDefinition definition;
    private final SqsClient sqs;
    private final FunctionInvoker function;
    private final Duration longPollWait;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failedRecords = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong receives = new AtomicLong();
    private final AtomicLong emptyReceives = new AtomicLong();
    private final AtomicLong receiveChunks = new AtomicLong();
    private final AtomicLong deleteBatches = new AtomicLong();
    private volatile boolean running = true;

    private SqsEventSourceMapping(MappingDefinition definition, SqsClient sqs, FunctionInvoker function,
                                  Duration longPollWait) {
        this.definition = definition;
        this.sqs = sqs;
        this.function = function;
        this.longPollWait = longPollWait;
    }

    /**
     * Starts polling.
     *
     * @param sqs          shared by the pollers; the caller keeps ownership (and closes it after {@link #stop()})
     * @param longPollWait a receive's {@code WaitTimeSeconds} (whole seconds, 1..20). Lambda waits 20 s; a shorter
     *                     wait changes only how many empty receives are made, and bounds how long {@link #stop()}
     *                     waits for a receive under way
     */
    public static SqsEventSourceMapping start(MappingDefinition definition, SqsClient sqs, FunctionInvoker function,
                                              Duration longPollWait) {
        if (longPollWait.toSeconds() < 1 || longPollWait.toSeconds() > 20) {
            throw new IllegalArgumentException("a long poll waits 1..20 s, not " + longPollWait);
        }
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(definition, sqs, function, longPollWait);
        for (int i = 1; i <= definition.maximumConcurrency(); i++) {
            Thread poller = new Thread(mapping::poll, "esm-" + definition.name() + "-" + i);
            poller.setDaemon(true);
            mapping.pollers.add(poller);
        }
        mapping.pollers.forEach(Thread::start);
        return mapping;
    }

    public MappingDefinition definition() {
        return definition;
    }

    public MappingStats stats() {
        return new MappingStats(batches.get(), records.get(), deleted.get(), failedRecords.get(), failedBatches.get(),
                inFlight.get());
    }

    /** The SQS requests this mapping made so far, as Lambda's pollers would make them on the queue owner's bill. */
    public SqsPollerCalls pollerCalls() {
        return new SqsPollerCalls(receives.get(), emptyReceives.get(), receiveChunks.get(), deleteBatches.get());
    }

    /**
     * Stops polling and waits until every poller has finished: a receive under way completes, and a batch in hand
     * is still delivered and settled, so no message is left invisible without a reason.
     */
    public void stop() {
        running = false;
        for (Thread poller : pollers) {
            try {
                poller.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "SqsEventSourceMapping[" + definition.name() + " <- " + definition.queueLogicalId() + ", " + stats()
                + "]";
    }

    // ----------------------------------------------------------------------------------------------- polling

    private void poll() {
        while (running) {
            List<Message> batch;
            try {
                batch = gather();
            } catch (SdkException e) {
                LOG.log(Level.WARNING, "{0}: receiving from {1} failed, retrying in {2}: {3}", definition.name(),
                        definition.queueLogicalId(), RECEIVE_RETRY, e.getMessage());
                pause(RECEIVE_RETRY.toMillis());
                continue;
            }
            if (!batch.isEmpty()) {
                deliver(batch);
            }
        }
    }

    /**
     * One batch: the first receive waits for messages; then, with a batching window, further receives top the
     * batch up until it is full, the window (counted from the first message) closes, or the payload would grow
     * past {@link #MAX_PAYLOAD_BYTES}. Without a window the first non-empty receive is the batch.
     */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>();
        long payloadBytes = 0;
        long windowEnd = 0;
        while (batch.size() < definition.batchSize()) {
            int wanted = (int) Math.min(Math.min(MAX_RECEIVE, definition.batchSize() - batch.size()),
                    (MAX_PAYLOAD_BYTES - payloadBytes) / MAX_RECORD_BYTES);
            if (wanted <= 0) {
                break;
            }
            int waitSeconds;
            if (batch.isEmpty()) {
                if (!running) {
                    break;
                }
                waitSeconds = (int) longPollWait.toSeconds();
            } else {
                long remaining = windowEnd - System.currentTimeMillis();
                if (remaining <= 0 || !running) {
                    break;
                }
                waitSeconds = (int) Math.min(20, remaining / 1000);
            }
            List<Message> received;
            try {
                received = receive(wanted, waitSeconds);
            } catch (SdkException e) {
                if (batch.isEmpty()) {
                    throw e;
                }
                // Messages in hand are invisible to everyone else: deliver them rather than strand them.
                LOG.log(Level.WARNING, "{0}: topping up a batch failed, delivering {1} records: {2}",
                        definition.name(), batch.size(), e.getMessage());
                break;
            }
            if (batch.isEmpty()) {
                if (received.isEmpty()) {
                    break;
                }
                windowEnd = System.currentTimeMillis() + definition.maximumBatchingWindow().toMillis();
            } else if (received.isEmpty() && waitSeconds == 0) {
                // Under a second of window left: short polls, spaced out.
                pause(Math.min(100, windowEnd - System.currentTimeMillis()));
            }
            batch.addAll(received);
            payloadBytes += received.stream().mapToLong(m -> m.body().length() * 3L + 1024).sum();
            if (definition.maximumBatchingWindow().isZero()) {
                break;
            }
        }
        return batch;
    }

    private List<Message> receive(int maxMessages, int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(definition.queueUrl())
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds(waitSeconds)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            emptyReceives.incrementAndGet();
        } else {
            receives.incrementAndGet();
            receiveChunks.addAndGet(SqsPollerCalls.billedRequests(messages.stream()
                    .mapToLong(SqsEventSourceMapping::payloadBytes).sum()));
        }
        return messages;
    }

    /** A received message's billed payload: its body and its message attributes' names and values. */
    private static long payloadBytes(Message message) {
        long bytes = message.body().getBytes(StandardCharsets.UTF_8).length;
        for (var attribute : message.messageAttributes().entrySet()) {
            bytes += attribute.getKey().length() + attribute.getValue().dataType().length();
            if (attribute.getValue().stringValue() != null) {
                bytes += attribute.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length;
            }
            if (attribute.getValue().binaryValue() != null) {
                bytes += attribute.getValue().binaryValue().asByteArray().length;
            }
        }
        return bytes;
    }

    // ---------------------------------------------------------------------------------------------- delivery

    private void deliver(List<Message> batch) {
        List<String> messageIds = batch.stream().map(Message::messageId).toList();
        batches.incrementAndGet();
        records.addAndGet(batch.size());
        inFlight.incrementAndGet();
        BatchSettlement settlement;
        try {
            Invocation outcome = function.invoke(LambdaSqsEvent.render(json, batch, definition.queueArn())).join();
            settlement = BatchSettlement.of(outcome, messageIds, definition.reportBatchItemFailures(), json);
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            settlement = new BatchSettlement.AllFailed("the invocation could not run: " + cause.getMessage());
        } finally {
            inFlight.decrementAndGet();
        }
        List<String> deletable = settlement.deletable(messageIds);
        if (settlement instanceof BatchSettlement.AllFailed failure) {
            failedBatches.incrementAndGet();
            LOG.log(Level.INFO, "{0}: batch of {1} failed ({2}); all stay on {3}", definition.name(), batch.size(),
                    failure.reason(), definition.queueLogicalId());
        }
        failedRecords.addAndGet(batch.size() - deletable.size());
        delete(batch.stream().filter(m -> deletable.contains(m.messageId())).toList());
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += MAX_RECEIVE) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_RECEIVE));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                deleteBatches.incrementAndGet();
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(definition.queueUrl())
                        .entries(entries));
                deleted.addAndGet(response.successful().size());
                response.failed().forEach(failure -> LOG.log(Level.WARNING,
                        "{0}: deleting message {1} failed ({2}: {3}); it will be delivered again", definition.name(),
                        chunk.get(Integer.parseInt(failure.id())).messageId(), failure.code(), failure.message()));
            } catch (SdkException e) {
                // As in AWS: the function's work stands, the messages return, and idempotency absorbs the repeat.
                LOG.log(Level.WARNING, "{0}: deleting {1} messages failed; they will be delivered again: {2}",
                        definition.name(), chunk.size(), e.getMessage());
            }
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
