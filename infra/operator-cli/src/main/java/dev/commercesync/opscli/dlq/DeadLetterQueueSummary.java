package dev.commercesync.opscli.dlq;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One line of {@code dlq list}.
 *
 * @param messages   visible messages (ApproximateNumberOfMessages)
 * @param inFlight   messages someone holds right now (another operator's look, a redrive in progress)
 * @param oldestSentAt the earliest SentTimestamp among the messages looked at; null when empty
 * @param ageCapped  true when the look stopped at the scan limit, so an older message may exist
 * @param sources    the queues whose redrive policy names this DLQ
 */
public record DeadLetterQueueSummary(String name, String url, boolean fifo, long messages, long inFlight,
                                     Instant oldestSentAt, Duration oldestAge, boolean ageCapped,
                                     List<String> sources) {
}
