package dev.commercesync.opscli.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.opscli.CommandFailure;
import dev.commercesync.opscli.StackNames;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's queues, read the way an operator reads AWS: ListQueues (by stack-name prefix when one is given), each
 * queue's attributes, and the redrive policies that make a queue some other queue's dead-letter queue.
 */
public final class QueueDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final Optional<String> stack;
    private List<QueueInfo> queues;

    public QueueDirectory(SqsClient sqs, Optional<String> stack) {
        this.sqs = sqs;
        this.stack = stack;
    }

    /** Every queue of the stack (of the account and region without {@code --stack}), by name. */
    public synchronized List<QueueInfo> queues() {
        if (queues == null) {
            List<String> urls = sqs.listQueues(b -> stack.ifPresent(s -> b.queueNamePrefix(s + "-"))).queueUrls();
            List<QueueInfo> found = new ArrayList<>();
            for (String url : urls) {
                found.add(describe(url));
            }
            found.sort(Comparator.comparing(QueueInfo::name));
            queues = List.copyOf(found);
        }
        return queues;
    }

    /**
     * The queues some redrive policy points at, each with its sources. A queue named like a DLQ that no policy
     * names is listed too, without sources: its messages cannot be redriven until one is given.
     */
    public List<DeadLetterQueue> deadLetterQueues() {
        List<DeadLetterQueue> result = new ArrayList<>();
        for (QueueInfo queue : queues()) {
            List<QueueInfo> sources = queues().stream()
                    .filter(q -> q.deadLetterTargetArn().filter(queue.arn()::equals).isPresent())
                    .toList();
            if (!sources.isEmpty() || looksLikeDeadLetterQueue(queue.name())) {
                result.add(new DeadLetterQueue(queue, sources));
            }
        }
        return result;
    }

    /** A DLQ by URL, full name, or logical id ({@code ErpPostingDLQ}). */
    public DeadLetterQueue deadLetterQueue(String nameOrUrl) {
        List<DeadLetterQueue> dlqs = deadLetterQueues();
        List<String> names = dlqs.stream().map(DeadLetterQueue::name).toList();
        String wanted = nameOrUrl.startsWith("http") ? nameOrUrl.substring(nameOrUrl.lastIndexOf('/') + 1) : nameOrUrl;
        Optional<String> name = names.contains(wanted) ? Optional.of(wanted) : StackNames.find(names, wanted, stack);
        return name.flatMap(n -> dlqs.stream().filter(d -> d.name().equals(n)).findFirst())
                .orElseThrow(() -> CommandFailure.notFound("no dead-letter queue '" + nameOrUrl + "'"
                        + (stack.map(s -> " in stack " + s).orElse("")) + "; the DLQs are: "
                        + (names.isEmpty() ? "(none)" : String.join(", ", names))));
    }

    /** A queue by URL, full name, or logical id. */
    public QueueInfo queue(String nameOrUrl) {
        List<String> names = queues().stream().map(QueueInfo::name).toList();
        String wanted = nameOrUrl.startsWith("http") ? nameOrUrl.substring(nameOrUrl.lastIndexOf('/') + 1) : nameOrUrl;
        Optional<String> name = names.contains(wanted) ? Optional.of(wanted) : StackNames.find(names, wanted, stack);
        return name.flatMap(n -> queues().stream().filter(q -> q.name().equals(n)).findFirst())
                .orElseThrow(() -> CommandFailure.notFound("no queue '" + nameOrUrl + "'"
                        + (stack.map(s -> " in stack " + s).orElse(""))));
    }

    /** The queue's attributes now (counts change while the operator works). */
    public QueueInfo refresh(QueueInfo queue) {
        return describe(queue.url());
    }

    private QueueInfo describe(String url) {
        Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        String name = url.substring(url.lastIndexOf('/') + 1);
        Optional<String> target = Optional.empty();
        Optional<Integer> maxReceives = Optional.empty();
        String policy = attributes.get(QueueAttributeName.REDRIVE_POLICY.toString());
        if (policy != null && !policy.isBlank()) {
            try {
                JsonNode node = JSON.readTree(policy);
                target = Optional.of(node.path("deadLetterTargetArn").asText()).filter(s -> !s.isEmpty());
                maxReceives = node.has("maxReceiveCount") ? Optional.of(node.get("maxReceiveCount").asInt())
                        : Optional.empty();
            } catch (IOException e) {
                throw new IllegalStateException("unreadable RedrivePolicy on " + name + ": " + policy, e);
            }
        }
        return new QueueInfo(name, url, attributes.get(QueueAttributeName.QUEUE_ARN.toString()),
                "true".equalsIgnoreCase(attributes.get(QueueAttributeName.FIFO_QUEUE.toString()))
                        || name.endsWith(".fifo"),
                target, maxReceives,
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    private static long count(Map<String, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name.toString());
        return value == null ? 0 : Long.parseLong(value);
    }

    static boolean looksLikeDeadLetterQueue(String name) {
        String base = name.toLowerCase().replace(".fifo", "");
        return base.endsWith("dlq") || base.contains("-dlq-") || base.contains("deadletter");
    }
}
