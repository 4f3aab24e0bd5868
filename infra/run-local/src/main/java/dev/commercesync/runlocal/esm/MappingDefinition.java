package dev.commercesync.runlocal.esm;

import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An SQS event source mapping as the template declares it, with the limits Lambda's API enforces on one checked
 * here, so a template the local stack accepts is one CloudFormation would accept too.
 *
 * @param maximumConcurrency pollers, i.e. most concurrent invocations ({@code ScalingConfig.MaximumConcurrency})
 */
public record MappingDefinition(String functionLogicalId, String eventName, String queueLogicalId, String queueUrl,
                                String queueArn, boolean fifo, int batchSize, Duration maximumBatchingWindow,
                                int maximumConcurrency, boolean reportBatchItemFailures) {

    /**
     * Without {@code ScalingConfig}, Lambda starts with five concurrent batches and scales up with the backlog;
     * locally five is where it stays.
     */
    public static final int DEFAULT_CONCURRENCY = 5;
    private static final int MAX_STANDARD_BATCH = 10_000;
    private static final int MAX_FIFO_BATCH = 10;
    private static final int MAX_BATCH_WITHOUT_WINDOW = 10;
    private static final Duration MAX_WINDOW = Duration.ofSeconds(300);

    public MappingDefinition {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(queueArn, "queueArn");
        String where = functionLogicalId + " event " + eventName + ": ";
        if (batchSize < 1 || batchSize > (fifo ? MAX_FIFO_BATCH : MAX_STANDARD_BATCH)) {
            throw new IllegalArgumentException(where + "BatchSize " + batchSize + " is outside 1.."
                    + (fifo ? MAX_FIFO_BATCH : MAX_STANDARD_BATCH));
        }
        if (maximumBatchingWindow.isNegative() || maximumBatchingWindow.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException(where + "MaximumBatchingWindowInSeconds must be 0..300");
        }
        if (fifo && !maximumBatchingWindow.isZero()) {
            throw new IllegalArgumentException(where + "FIFO queues do not support MaximumBatchingWindowInSeconds");
        }
        if (batchSize > MAX_BATCH_WITHOUT_WINDOW && maximumBatchingWindow.isZero()) {
            throw new IllegalArgumentException(where + "a BatchSize above 10 needs MaximumBatchingWindowInSeconds >= 1");
        }
        if (maximumConcurrency < 2 || maximumConcurrency > 1000) {
            throw new IllegalArgumentException(where + "ScalingConfig.MaximumConcurrency must be 2..1000");
        }
    }

    /** Every SQS event of every function in the stack's template. */
    public static List<MappingDefinition> allFromTemplate(ProvisionedStack stack) {
        List<MappingDefinition> mappings = new ArrayList<>();
        for (SamTemplate.Function function : stack.template().functions()) {
            for (SamTemplate.SqsEvent event : function.sqsEvents()) {
                mappings.add(of(stack, function.logicalId(), event));
            }
        }
        return List.copyOf(mappings);
    }

    /** The function's only SQS event. */
    public static MappingDefinition fromTemplate(ProvisionedStack stack, String functionLogicalId) {
        List<SamTemplate.SqsEvent> events = stack.template().function(functionLogicalId).sqsEvents();
        if (events.size() != 1) {
            throw new IllegalArgumentException(functionLogicalId + " has " + events.size()
                    + " SQS events; name the one you mean");
        }
        return of(stack, functionLogicalId, events.get(0));
    }

    private static MappingDefinition of(ProvisionedStack stack, String functionLogicalId, SamTemplate.SqsEvent event) {
        ProvisionedStack.QueueAddress queue = stack.queues().get(event.queueLogicalId());
        if (queue == null) {
            throw new IllegalArgumentException(functionLogicalId + " event " + event.eventName() + " reads "
                    + event.queueLogicalId() + ", which is not provisioned");
        }
        boolean fifo = stack.template().queue(event.queueLogicalId()).fifo();
        return new MappingDefinition(functionLogicalId, event.eventName(), event.queueLogicalId(), queue.url(),
                queue.arn(), fifo, event.batchSize(),
                Duration.ofSeconds(event.maximumBatchingWindowInSeconds().orElse(0)),
                event.maximumConcurrency().orElse(DEFAULT_CONCURRENCY), event.reportsBatchItemFailures());
    }

    /** {@code <Function>/<Event>}, for logs and thread names. */
    public String name() {
        return functionLogicalId + "/" + eventName;
    }
}
