package dev.commercesync.runlocal.bench;

import dev.commercesync.runlocal.LocalStack;
import dev.commercesync.runlocal.esm.SqsEventSourceMapping;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The pipeline's backlog once a second: per queue an event source reads, the messages visible, in flight (received,
 * not yet deleted) and delayed, from the queue's attributes as an operator would read them in CloudWatch.
 */
final class BacklogSampler implements AutoCloseable {

    /** One sample: when, and the backlog per queue (template logical id). */
    record Sample(Instant at, Map<String, Long> byQueue) {
        long total() {
            return byQueue.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final LocalStack stack;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private BacklogSampler(LocalStack stack) {
        this.stack = stack;
        this.thread = new Thread(this::run, "bench-backlog");
        this.thread.setDaemon(true);
    }

    static BacklogSampler start(LocalStack stack) {
        BacklogSampler sampler = new BacklogSampler(stack);
        sampler.thread.start();
        return sampler;
    }

    /** A sample taken now, outside the schedule. */
    Sample sampleNow() {
        Map<String, Long> byQueue = new LinkedHashMap<>();
        for (SqsEventSourceMapping mapping : stack.mappings()) {
            Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b
                    .queueUrl(mapping.definition().queueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            byQueue.merge(mapping.definition().queueLogicalId(),
                    attributes.values().stream().mapToLong(Long::parseLong).sum(), Long::sum);
        }
        return new Sample(Instant.now(), byQueue);
    }

    /** The samples taken in {@code [from, to)}. */
    List<Sample> between(Instant from, Instant to) {
        List<Sample> window = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.at().isBefore(from) && sample.at().isBefore(to)) {
                window.add(sample);
            }
        }
        return window;
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            try {
                samples.add(sampleNow());
            } catch (SdkException e) {
                System.getLogger(BacklogSampler.class.getName()).log(System.Logger.Level.WARNING,
                        "backlog sample failed: {0}", e.getMessage());
            }
            next += INTERVAL.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
