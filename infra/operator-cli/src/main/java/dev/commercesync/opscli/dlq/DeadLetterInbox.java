package dev.commercesync.opscli.dlq;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DLQ's messages taken in hand without consuming them: received with a visibility timeout long enough for one
 * command, and handed back (ChangeMessageVisibility 0) when the inbox closes, except those removed after a
 * successful redrive. Should the CLI die in between, SQS hands them back itself when the timeout ends.
 *
 * <p>On a FIFO queue SQS hands out nothing more of a message group while one of its messages is in flight, so a
 * group's later messages are not seen until its earlier ones leave the queue.
 */
public final class DeadLetterInbox implements AutoCloseable {

    /** A received message and how it reads; the receipt handle is the latest one SQS gave. */
    public record Held(Message message, DeadLetter letter) {
    }

    private final SqsClient sqs;
    private final QueueInfo queue;
    private final Duration hold;
    private final Map<String, Held> held = new LinkedHashMap<>();
    private final Map<String, Held> removed = new LinkedHashMap<>();
    private boolean capped;
    private int notReleased;

    public DeadLetterInbox(SqsClient sqs, QueueInfo queue, Duration hold) {
        this.sqs = sqs;
        this.queue = queue;
        this.hold = hold;
    }

    /**
     * Receives until the queue hands out nothing new or {@code max} messages are held, in the order SQS hands them
     * out.
     *
     * @param expected how many the queue's attributes said were visible: until then each receive long-polls a
     *                 second, so an empty answer means empty and not "this server had none"
     */
    public List<Held> receiveAll(int max, long expected) {
        while (held.size() < max) {
            int want = Math.min(10, max - held.size());
            int wait = held.size() < expected ? 1 : 0;
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queue.url())
                    .maxNumberOfMessages(want)
                    .visibilityTimeout((int) hold.toSeconds())
                    .waitTimeSeconds(wait)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            int fresh = 0;
            for (Message message : received) {
                // Received again (its hold ran out): keep the newer receipt handle, the older one is void.
                Held before = held.put(message.messageId(), new Held(message, DeadLetterReading.read(message)));
                if (before == null) {
                    fresh++;
                }
            }
            if (fresh == 0) {
                break;
            }
        }
        capped = held.size() >= max;
        return List.copyOf(held.values());
    }

    /** True when {@link #receiveAll} stopped at its maximum: the queue may hold more. */
    public boolean capped() {
        return capped;
    }

    /** Deletes a held message (after it was sent elsewhere). */
    public void remove(Held message) {
        sqs.deleteMessage(b -> b.queueUrl(queue.url()).receiptHandle(message.message().receiptHandle()));
        held.remove(message.message().messageId());
        removed.put(message.message().messageId(), message);
    }

    /** Messages that could not be handed back; SQS returns them when their visibility timeout ends. */
    public int notReleased() {
        return notReleased;
    }

    /** Hands every message still held back to the queue at once. */
    @Override
    public void close() {
        List<Held> remaining = new ArrayList<>(held.values());
        for (int from = 0; from < remaining.size(); from += 10) {
            List<Held> chunk = remaining.subList(from, Math.min(from + 10, remaining.size()));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).message().receiptHandle())
                        .visibilityTimeout(0)
                        .build());
            }
            try {
                notReleased += sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queue.url()).entries(entries))
                        .failed().size();
            } catch (SdkException e) {
                notReleased += chunk.size();
            }
        }
        held.clear();
    }
}
