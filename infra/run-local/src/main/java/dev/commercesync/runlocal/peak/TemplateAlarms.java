package dev.commercesync.runlocal.peak;

import dev.commercesync.localstack.SamTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template's alarms that a local peak can be judged by, read from {@code infra/template.yaml} with its parameter
 * values, so the thresholds are the deployed ones (or what {@code --parameter} set): every DLQ's not-empty alarm, the
 * posting queue's age alarm and the watchdog's orders-pending-ERP alarm. The others are named in
 * {@link Reading#notWatched()}: ages of queues the local stack cannot date, metric-math alarms, the functions'
 * business metrics.
 */
public final class TemplateAlarms {

    static final String ALARM_TYPE = "AWS::CloudWatch::Alarm";

    /**
     * @param watched    alarms with a local source, in template order
     * @param notWatched logical ids of the other alarms
     */
    public record Reading(List<WatchedAlarm> watched, List<String> notWatched) {
        public Reading {
            watched = List.copyOf(watched);
            notWatched = List.copyOf(notWatched);
        }
    }

    private TemplateAlarms() {
    }

    /** @param postingQueue logical id of the queue post-to-erp consumes */
    public static Reading read(SamTemplate template, String postingQueue) {
        List<WatchedAlarm> watched = new ArrayList<>();
        List<String> notWatched = new ArrayList<>();
        template.resources().forEach((id, raw) -> {
            if (!(raw instanceof Map<?, ?> resource) || !ALARM_TYPE.equals(resource.get("Type"))) {
                return;
            }
            Optional<WatchedAlarm> alarm = resource.get("Properties") instanceof Map<?, ?> properties
                    ? watched(template, id, properties, postingQueue) : Optional.empty();
            alarm.ifPresentOrElse(watched::add, () -> notWatched.add(id));
        });
        return new Reading(watched, notWatched);
    }

    private static Optional<WatchedAlarm> watched(SamTemplate template, String id, Map<?, ?> p, String postingQueue) {
        if (p.containsKey("Metrics") || !"Maximum".equals(p.get("Statistic"))) {
            return Optional.empty();
        }
        String namespace = String.valueOf(p.get("Namespace"));
        String metric = String.valueOf(p.get("MetricName"));
        Map<String, Object> dimensions = dimensions(p.get("Dimensions"));
        WatchedAlarm.Source source = null;
        String subject = null;
        if (namespace.equals("AWS/SQS") && dimensions.get("QueueName") instanceof Map<?, ?> value
                && value.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()) {
            String queue = String.valueOf(getAtt.get(0));
            subject = queue;
            if (metric.equals("ApproximateNumberOfMessagesVisible")) {
                source = new WatchedAlarm.VisibleMessages(queue);
            } else if (metric.equals("ApproximateAgeOfOldestMessage") && queue.equals(postingQueue)) {
                source = new WatchedAlarm.OldestPostingAge(queue);
            }
        } else if (namespace.equals("CommerceSync") && metric.equals("OrdersStuck")
                && "PENDING_ERP".equals(dimensions.get("State"))) {
            subject = "State=PENDING_ERP";
            source = new WatchedAlarm.OrdersStuckWaitingForErp();
        }
        if (source == null) {
            return Optional.empty();
        }
        AlarmRule rule = new AlarmRule(id, namespace + " " + metric + " " + subject,
                AlarmRule.Comparison.valueOf(String.valueOf(p.get("ComparisonOperator"))),
                number(template, p.get("Threshold")), Duration.ofSeconds((long) number(template, p.get("Period"))),
                p.containsKey("EvaluationPeriods") ? (int) number(template, p.get("EvaluationPeriods")) : 1);
        return Optional.of(new WatchedAlarm(rule, source));
    }

    private static Map<String, Object> dimensions(Object raw) {
        Map<String, Object> byName = new java.util.LinkedHashMap<>();
        if (raw instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> dimension) {
                    byName.put(String.valueOf(dimension.get("Name")), dimension.get("Value"));
                }
            }
        }
        return byName;
    }

    /** A number, or a {@code !Ref} to a parameter holding one. */
    private static double number(SamTemplate template, Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof Map<?, ?> ref && ref.get("Ref") instanceof String name) {
            return Double.parseDouble(template.parameterValue(name).orElseThrow(() ->
                    new IllegalArgumentException("parameter " + name + " has no value")));
        }
        return Double.parseDouble(String.valueOf(raw));
    }
}
