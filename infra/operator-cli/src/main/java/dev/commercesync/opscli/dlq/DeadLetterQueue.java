package dev.commercesync.opscli.dlq;

import java.util.List;

/**
 * A dead-letter queue and the queues whose redrive policies point at it: where its messages came from, and so where
 * a redrive sends them back.
 */
public record DeadLetterQueue(QueueInfo queue, List<QueueInfo> sources) {

    public String name() {
        return queue.name();
    }
}
