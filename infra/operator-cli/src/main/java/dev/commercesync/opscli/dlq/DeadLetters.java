package dev.commercesync.opscli.dlq;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The DLQ operations: list the dead-letter queues, look at their messages without consuming them, and redrive
 * selected messages to the queue they came from.
 *
 * <p>A redrive sends each message first and deletes it from the DLQ only once SQS took the copy, one message at a
 * time in the order the DLQ handed them out: a failure leaves the message where it was, never nowhere. A copy whose
 * delete failed is both places; the pipeline's consumers are idempotent (dedupe by event key, post-to-erp by ERP
 * reference), so the later second copy is suppressed as a duplicate.
 */
public final class DeadLetters {

    private final SqsClient sqs;
    private final QueueDirectory directory;
    private final OrderStates orders;
    private final Clock clock;
    private final Duration hold;
    private final int scanLimit;

    /**
     * @param hold      how long looked-at messages stay invisible at most (they are handed back at once after)
     * @param scanLimit messages looked at per DLQ at most
     */
    public DeadLetters(SqsClient sqs, QueueDirectory directory, OrderStates orders, Clock clock, Duration hold,
                       int scanLimit) {
        this.sqs = sqs;
        this.directory = directory;
        this.orders = orders;
        this.clock = clock;
        this.hold = hold;
        this.scanLimit = scanLimit;
    }

    /**
     * Every DLQ whose name contains {@code nameContains} (all when empty) with its counts and the age of its oldest
     * message (which takes a look at the non-empty ones).
     */
    public List<DeadLetterQueueSummary> list(String nameContains) {
        List<DeadLetterQueueSummary> summaries = new ArrayList<>();
        Instant now = clock.instant();
        for (DeadLetterQueue dlq : directory.deadLetterQueues()) {
            if (!dlq.name().toLowerCase(Locale.ROOT).contains(nameContains.toLowerCase(Locale.ROOT))) {
                continue;
            }
            QueueInfo queue = dlq.queue();
            Instant oldest = null;
            boolean capped = false;
            if (queue.visible() > 0) {
                try (DeadLetterInbox inbox = new DeadLetterInbox(sqs, queue, hold)) {
                    oldest = inbox.receiveAll(scanLimit, queue.visible()).stream()
                            .map(h -> h.letter().sentAt())
                            .filter(Objects::nonNull)
                            .min(Comparator.naturalOrder())
                            .orElse(null);
                    capped = inbox.capped();
                }
            }
            summaries.add(new DeadLetterQueueSummary(queue.name(), queue.url(), queue.fifo(), queue.visible(),
                    queue.inFlight(), oldest, oldest == null ? null : Duration.between(oldest, now), capped,
                    dlq.sources().stream().map(QueueInfo::name).toList()));
        }
        return summaries;
    }

    /** The messages the filter takes, each with its order's state; every message stays on the DLQ. */
    public Selection show(DeadLetterQueue dlq, DeadLetterFilter filter) {
        QueueInfo queue = directory.refresh(dlq.queue());
        try (DeadLetterInbox inbox = new DeadLetterInbox(sqs, queue, hold)) {
            List<DeadLetterInbox.Held> held = inbox.receiveAll(scanLimit, queue.visible());
            List<DeadLetter> matched = select(held, filter).stream().map(DeadLetterInbox.Held::letter).toList();
            return new Selection(queue.name(), filter.describe(), held.size(), inbox.capped(), matched);
        }
    }

    /**
     * Moves the messages the filter takes back to {@code target}, or with {@code execute} false only says which it
     * would move. Same body and message attributes; on a FIFO target the same message group and a fresh
     * deduplication id (the original one would be dropped inside SQS's five-minute deduplication window).
     */
    public RedriveReport redrive(DeadLetterQueue dlq, QueueInfo target, DeadLetterFilter filter, boolean execute) {
        QueueInfo queue = directory.refresh(dlq.queue());
        try (DeadLetterInbox inbox = new DeadLetterInbox(sqs, queue, hold)) {
            List<DeadLetterInbox.Held> held = inbox.receiveAll(scanLimit, queue.visible());
            List<DeadLetterInbox.Held> selected = select(held, filter);
            List<String> moved = new ArrayList<>();
            Map<String, String> failed = new LinkedHashMap<>();
            // FIFO: once a message of a group stays behind, its group's later messages stay too, so none overtakes.
            Set<String> blockedGroups = new HashSet<>();
            if (execute) {
                for (DeadLetterInbox.Held message : selected) {
                    String id = message.message().messageId();
                    String group = message.letter().messageGroupId();
                    if (group != null && blockedGroups.contains(group)) {
                        failed.put(id, "not sent: an earlier message of its group " + group + " was not moved");
                        continue;
                    }
                    try {
                        sqs.sendMessage(copyTo(target, message));
                    } catch (SdkException e) {
                        failed.put(id, "not sent to " + target.name() + " (" + e.getMessage() + "); still on the DLQ");
                        if (group != null) {
                            blockedGroups.add(group);
                        }
                        continue;
                    }
                    try {
                        inbox.remove(message);
                        moved.add(id);
                    } catch (SdkException e) {
                        failed.put(id, "sent to " + target.name() + " but not deleted from the DLQ (" + e.getMessage()
                                + "); the copy left on the DLQ is a duplicate the pipeline suppresses");
                    }
                }
            }
            inbox.close();
            return new RedriveReport(queue.name(), target.name(), !execute, filter.describe(), held.size(),
                    inbox.capped(), selected.stream().map(DeadLetterInbox.Held::letter).toList(), moved, failed,
                    inbox.notReleased());
        }
    }

    private List<DeadLetterInbox.Held> select(List<DeadLetterInbox.Held> held, DeadLetterFilter filter) {
        Instant now = clock.instant();
        List<DeadLetterInbox.Held> selected = new ArrayList<>();
        for (DeadLetterInbox.Held message : held) {
            DeadLetter letter = message.letter();
            if (letter.orderKey() != null) {
                letter = letter.withOrder(orders.find(letter.orderKey()).orElse(null));
            }
            if (filter.matches(letter, now)) {
                selected.add(new DeadLetterInbox.Held(message.message(), letter));
                if (filter.limit() > 0 && selected.size() >= filter.limit()) {
                    break;
                }
            }
        }
        return selected;
    }

    private static SendMessageRequest copyTo(QueueInfo target, DeadLetterInbox.Held held) {
        Message message = held.message();
        SendMessageRequest.Builder send = SendMessageRequest.builder()
                .queueUrl(target.url())
                .messageBody(message.body())
                .messageAttributes(copy(message.messageAttributes()));
        if (target.fifo()) {
            String group = held.letter().messageGroupId() != null ? held.letter().messageGroupId()
                    : Objects.requireNonNullElse(held.letter().orderKey(), message.messageId());
            send.messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString());
        }
        return send.build();
    }

    /** Only what SQS accepts back: data type and the one value. */
    private static Map<String, MessageAttributeValue> copy(Map<String, MessageAttributeValue> attributes) {
        Map<String, MessageAttributeValue> copy = new HashMap<>();
        attributes.forEach((name, value) -> {
            MessageAttributeValue.Builder attribute = MessageAttributeValue.builder().dataType(value.dataType());
            if (value.binaryValue() != null) {
                attribute.binaryValue(SdkBytes.fromByteArray(value.binaryValue().asByteArray()));
            } else {
                attribute.stringValue(value.stringValue());
            }
            copy.put(name, attribute.build());
        });
        return copy;
    }
}
