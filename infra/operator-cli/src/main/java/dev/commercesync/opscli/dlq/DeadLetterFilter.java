package dev.commercesync.opscli.dlq;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which dead letters a show or redrive takes. Every given criterion must hold; none given takes every message.
 *
 * @param channel    the envelope's channel, or the channel part of its order key
 * @param orderKey   the envelope's order key, exactly ({@code shopify:450789469})
 * @param errorText  case-insensitive text in the order's last recorded exception (type or reason); a message whose
 *                   order has no recorded exception does not match
 * @param olderThan  sent (SentTimestamp) longer ago than this
 * @param messageIds only these SQS message ids (as a dry run printed them); empty for any
 * @param limit      at most this many messages, in the order the queue handed them out; 0 for no limit
 */
public record DeadLetterFilter(Optional<String> channel, Optional<String> orderKey, Optional<String> errorText,
                               Optional<Duration> olderThan, Set<String> messageIds, int limit) {

    public DeadLetterFilter {
        messageIds = Set.copyOf(messageIds);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    public static DeadLetterFilter everything() {
        return new DeadLetterFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), 0);
    }

    /** True when matching needs the order-state table. */
    public boolean needsOrderState() {
        return errorText.isPresent();
    }

    public boolean matches(DeadLetter letter, Instant now) {
        if (!messageIds.isEmpty() && !messageIds.contains(letter.messageId())) {
            return false;
        }
        if (channel.isPresent() && !channel.get().equalsIgnoreCase(channelOf(letter))) {
            return false;
        }
        if (orderKey.isPresent() && !orderKey.get().equals(letter.orderKey())) {
            return false;
        }
        if (olderThan.isPresent()
                && (letter.sentAt() == null || !letter.sentAt().isBefore(now.minus(olderThan.get())))) {
            return false;
        }
        if (errorText.isPresent()) {
            String error = letter.order() == null ? null : letter.order().lastError();
            return error != null && error.toLowerCase(Locale.ROOT).contains(errorText.get().toLowerCase(Locale.ROOT));
        }
        return true;
    }

    /** The criteria in words, for the output and the audit record. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        channel.ifPresent(c -> text.append(" channel=").append(c));
        orderKey.ifPresent(k -> text.append(" order-key=").append(k));
        errorText.ifPresent(e -> text.append(" error~").append(e));
        olderThan.ifPresent(d -> text.append(" older-than=").append(d));
        if (!messageIds.isEmpty()) {
            text.append(" message-ids=").append(String.join(",", messageIds.stream().sorted().toList()));
        }
        if (limit > 0) {
            text.append(" limit=").append(limit);
        }
        return text.length() == 0 ? "all messages" : text.toString().trim();
    }

    private static String channelOf(DeadLetter letter) {
        if (letter.channel() != null) {
            return letter.channel();
        }
        String key = letter.orderKey();
        return key != null && key.indexOf(':') > 0 ? key.substring(0, key.indexOf(':')) : null;
    }
}
