package dev.commercesync.pipeline.awscalls;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts every AWS SDK call of this process by service and operation ({@code DynamoDb.PutItem},
 * {@code Sqs.SendMessageBatch}, {@code Sqs.SendMessage.fifo} on a FIFO queue): calls, HTTP attempts (what AWS bills, retries included), failures, SQS's 64 KB
 * payload chunks, and the DynamoDB items each call wrote or read. Registered on the SQS and DynamoDB clients by
 * {@code quarkus.sqs.interceptors} / {@code quarkus.dynamodb.interceptors} (pipeline-support's
 * {@code microprofile-config.properties}); the extension looks the class up by name and asks CDI first, so both
 * clients share this one singleton and one tally.
 *
 * <p>Always on, because it is a few counter increments per call and never throws into the call it watches. Only when
 * {@link AwsCallCountsConfig#dir()} is set (the local stack sets it) does it write its totals to a
 * {@link CallCountFile} at most every {@link AwsCallCountsConfig#writeInterval()} and when the JVM exits, and ask
 * DynamoDB for {@code ReturnConsumedCapacity=TOTAL} where the call did not ask for something already: a deployed
 * function's requests are never changed.
 */
@Singleton
@RegisterForReflection
public class AwsCallCounter implements ExecutionInterceptor {

    private static final System.Logger LOG = System.getLogger(AwsCallCounter.class.getName());
    // The SDK refuses a second attribute of the same name for as long as its own classes live. Where the SDK outlives
    // this class (Quarkus tests restart the application in a new class loader, the SDK stays in the parent), this class
    // is initialised again: the name carries this class object's identity so that each initialisation has its own.
    private static final ExecutionAttribute<CallInProgress> IN_PROGRESS = new ExecutionAttribute<>(
            "commercesync.awsCallInProgress@" + Integer.toHexString(System.identityHashCode(AwsCallCounter.class)));
    private static final long CHUNK_BYTES = 64L * 1024;
    private static final String DYNAMODB = "DynamoDb";
    private static final String SQS = "Sqs";
    /** Appended to an SQS operation on a FIFO queue: {@code Sqs.SendMessage.fifo}. */
    public static final String FIFO_SUFFIX = ".fifo";

    private final CallTally tally = new CallTally();
    private final Optional<CallCountFile> file;
    private volatile long writtenChanges = -1;

    public AwsCallCounter(AwsCallCountsConfig config) {
        this.file = config.dir().map(dir -> new CallCountFile(dir, config.function(), ProcessHandle.current().pid()));
        file.ifPresent(f -> {
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "aws-call-counts-writer");
                thread.setDaemon(true);
                return thread;
            });
            long every = config.writeInterval().toMillis();
            writer.scheduleWithFixedDelay(this::writeIfChanged, every, every, TimeUnit.MILLISECONDS);
            Runtime.getRuntime().addShutdownHook(new Thread(this::writeIfChanged, "aws-call-counts-final"));
        });
    }

    /** The totals so far: service → operation → figures. */
    public Map<String, Map<String, CallFigures>> totals() {
        return tally.snapshot();
    }

    /** Where the totals are written, if they are. */
    public Optional<CallCountFile> file() {
        return file;
    }

    /** Writes the totals now (if a directory is configured); for tests and the shutdown hook. */
    public void writeNow() {
        file.ifPresent(f -> {
            long changes = tally.changes();
            try {
                f.write(tally.snapshot(), Instant.now());
                writtenChanges = changes;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + f.path(), e);
            }
        });
    }

    private void writeIfChanged() {
        try {
            if (tally.changes() != writtenChanges) {
                writeNow();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "AWS call counts not written: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------- interceptor

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(IN_PROGRESS, new CallInProgress());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (file.isEmpty() || !DYNAMODB.equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return request;
        }
        try {
            return withConsumedCapacityTotal(request);
        } catch (RuntimeException e) {
            return request;
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        CallInProgress call = attributes.getAttribute(IN_PROGRESS);
        if (call == null) {
            return;
        }
        try {
            long requestBytes = context.requestBody().flatMap(RequestBody::optionalContentLength).orElse(0L);
            long responseBytes = context.httpResponse().firstMatchingHeader("Content-Length")
                    .map(Long::parseLong).orElse(0L);
            call.attempts++;
            call.payloadChunks += Math.max(1, (Math.max(requestBytes, responseBytes) + CHUNK_BYTES - 1) / CHUNK_BYTES);
        } catch (RuntimeException e) {
            call.attempts++;
            call.payloadChunks++;
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        try {
            CallInProgress call = attributes.getAttribute(IN_PROGRESS);
            SdkRequest request = context.request();
            SdkResponse response = context.response();
            record(attributes, request, call, false, itemsWritten(request, response), itemsRead(request, response),
                    capacityMilli(response));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "AWS call not counted: " + e);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        try {
            record(attributes, context.request(), attributes.getAttribute(IN_PROGRESS), true, 0, 0, 0);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "AWS call not counted: " + e);
        }
    }

    private void record(ExecutionAttributes attributes, SdkRequest request, CallInProgress call, boolean failed,
                        long written, long read, long capacityMilli) {
        String service = Optional.ofNullable(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
                .orElse("unknown");
        String operation = Optional.ofNullable(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                .orElse("unknown");
        if (SQS.equals(service) && request.getValueForField("QueueUrl", String.class)
                .filter(url -> url.endsWith(".fifo")).isPresent()) {
            // FIFO requests are priced apart from standard ones.
            operation = operation + FIFO_SUFFIX;
        }
        int attempts = call == null ? 0 : call.attempts;
        long chunks = call == null ? 0 : call.payloadChunks;
        tally.add(service, operation, new CallFigures(1, attempts, failed ? 1 : 0, chunks, written, read,
                capacityMilli));
    }

    // ------------------------------------------------------------------------------------------ DynamoDB items

    private static long itemsWritten(SdkRequest request, SdkResponse response) {
        if (request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest) {
            return 1;
        }
        if (request instanceof BatchWriteItemRequest batch && response instanceof BatchWriteItemResponse answer) {
            return countWrites(batch.requestItems()) - countWrites(answer.unprocessedItems());
        }
        if (request instanceof TransactWriteItemsRequest transaction) {
            return transaction.transactItems().size();
        }
        return 0;
    }

    private static long itemsRead(SdkRequest request, SdkResponse response) {
        if (request instanceof GetItemRequest) {
            return 1;
        }
        if (request instanceof BatchGetItemRequest batch && response instanceof BatchGetItemResponse answer) {
            return countKeys(batch.requestItems()) - countKeys(answer.unprocessedKeys());
        }
        if (request instanceof TransactGetItemsRequest transaction) {
            return transaction.transactItems().size();
        }
        if (response instanceof QueryResponse query) {
            return query.scannedCount() == null ? 0 : query.scannedCount();
        }
        if (response instanceof ScanResponse scan) {
            return scan.scannedCount() == null ? 0 : scan.scannedCount();
        }
        return 0;
    }

    private static long countWrites(Map<String, List<WriteRequest>> byTable) {
        return byTable == null ? 0 : byTable.values().stream().mapToLong(List::size).sum();
    }

    private static long countKeys(Map<String, KeysAndAttributes> byTable) {
        return byTable == null ? 0 : byTable.values().stream()
                .mapToLong(keys -> keys.keys() == null ? 0 : keys.keys().size()).sum();
    }

    /** {@code ConsumedCapacity} (one, or one per table) in thousandths of a capacity unit; 0 if not reported. */
    private static long capacityMilli(SdkResponse response) {
        Optional<Object> reported = response.getValueForField("ConsumedCapacity", Object.class);
        if (reported.isEmpty()) {
            return 0;
        }
        double units = 0;
        if (reported.get() instanceof ConsumedCapacity single) {
            units = single.capacityUnits() == null ? 0 : single.capacityUnits();
        } else if (reported.get() instanceof List<?> perTable) {
            for (Object entry : perTable) {
                if (entry instanceof ConsumedCapacity capacity && capacity.capacityUnits() != null) {
                    units += capacity.capacityUnits();
                }
            }
        }
        return Math.round(units * 1000);
    }

    /**
     * The same request asking for {@code ReturnConsumedCapacity=TOTAL} if the operation has that member and the
     * caller left it unset; found through the SDK's field metadata, so one rule covers every DynamoDB operation.
     */
    static SdkRequest withConsumedCapacityTotal(SdkRequest request) {
        for (SdkField<?> field : request.sdkFields()) {
            if (field.memberName().equals("ReturnConsumedCapacity")) {
                if (field.getValueOrDefault(request) != null) {
                    return request;
                }
                SdkRequest.Builder builder = request.toBuilder();
                field.set(builder, "TOTAL");
                return builder.build();
            }
        }
        return request;
    }

    /** Attempts and chunks of one call: one thread drives a synchronous call and its retries. */
    private static final class CallInProgress {
        int attempts;
        long payloadChunks;
    }
}
