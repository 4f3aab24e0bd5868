package dev.commercesync.opscli.dlq;

import java.util.Optional;

/**
 * One queue as its attributes describe it when listed.
 *
 * @param deadLetterTargetArn where its redrive policy sends messages after {@code maxReceiveCount} receives
 * @param visible             ApproximateNumberOfMessages
 * @param inFlight            ApproximateNumberOfMessagesNotVisible (received, not yet deleted or released)
 */
public record QueueInfo(String name, String url, String arn, boolean fifo, Optional<String> deadLetterTargetArn,
                        Optional<Integer> maxReceiveCount, long visible, long inFlight, long delayed) {
}
