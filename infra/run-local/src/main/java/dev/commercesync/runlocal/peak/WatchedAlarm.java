package dev.commercesync.runlocal.peak;

import java.util.List;

/**
 * A template alarm the local stack can watch, and which figure of a {@link PeakSample} stands for its metric.
 */
public record WatchedAlarm(AlarmRule rule, Source source) {

    /** Where a sample's value for the alarm comes from. */
    public sealed interface Source {
        double valueIn(PeakSample sample);
    }

    /** {@code AWS/SQS ApproximateNumberOfMessagesVisible} of one queue (the DLQ alarms). */
    public record VisibleMessages(String queue) implements Source {
        @Override
        public double valueIn(PeakSample sample) {
            return sample.visible().getOrDefault(queue, 0L);
        }
    }

    /**
     * {@code AWS/SQS ApproximateAgeOfOldestMessage} of the posting queue, in seconds. ElasticMQ, like SQS, has no such
     * queue attribute (CloudWatch computes it), so it is read as the oldest {@code PENDING_ERP} order's wait: dedupe
     * queues the posting as it accepts the version, so the two differ by one SendMessage.
     */
    public record OldestPostingAge(String queue) implements Source {
        @Override
        public double valueIn(PeakSample sample) {
            return sample.oldestWaitingForErp().map(age -> age.toMillis() / 1000.0).orElse(0.0);
        }
    }

    /** The watchdog's {@code CommerceSync OrdersStuck State=PENDING_ERP}. */
    public record OrdersStuckWaitingForErp() implements Source {
        @Override
        public double valueIn(PeakSample sample) {
            return sample.stuckWaitingForErp();
        }
    }

    public AlarmRule.Verdict evaluate(List<PeakSample> samples) {
        return rule.evaluate(samples.stream().map(s -> new AlarmRule.Sample(s.at(), source.valueIn(s))).toList());
    }
}
