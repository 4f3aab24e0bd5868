package dev.commercesync.runlocal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.lambda.FunctionDefinition;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.Invocation;
import dev.commercesync.runlocal.lambda.LocalFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A template function replaced by the null pipeline: invoked like the real one (the same event JSON in, the same
 * answer shape out), with as many concurrent invocations as the real one has execution environments — its event
 * sources' summed MaximumConcurrency, else {@link LocalFunction#DEFAULT_MAX_INSTANCES} — and further invocations
 * waiting their turn, as they do for a {@link LocalFunction}. Each has its own SDK clients, as each function process
 * has.
 */
abstract class NullFunction implements FunctionInvoker, AutoCloseable {

    protected final FunctionDefinition definition;
    protected final ObjectMapper json = new ObjectMapper();
    protected final SqsClient sqs;
    protected final DynamoDbClient dynamoDb;
    private final ExecutorService environments;

    NullFunction(FunctionDefinition definition, RunningEmulators emulators) {
        this.definition = definition;
        this.sqs = emulators.newSqsClient();
        this.dynamoDb = emulators.newDynamoDbClient();
        int instances = definition.maximumConcurrency().orElse(LocalFunction.DEFAULT_MAX_INSTANCES);
        AtomicInteger number = new AtomicInteger();
        this.environments = Executors.newFixedThreadPool(instances, task -> {
            Thread thread = new Thread(task, "null-" + definition.logicalId() + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The function's answer to one event; an exception is the function's error, as Lambda reports it. */
    abstract String handle(String event) throws Exception;

    @Override
    public CompletableFuture<Invocation> invoke(String jsonPayload) {
        String requestId = UUID.randomUUID().toString();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Invocation.Success(requestId, handle(jsonPayload));
            } catch (Exception e) {
                return new Invocation.FunctionError(requestId, e.getClass().getName(), String.valueOf(e.getMessage()),
                        "{\"errorType\":\"" + e.getClass().getName() + "\"}");
            }
        }, environments);
    }

    /** An environment variable of the function, as the template resolved it against the stack. */
    protected String environment(String name) {
        String value = definition.environment().get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(definition.logicalId() + " has no " + name + " in the template");
        }
        return value;
    }

    @Override
    public void close() {
        environments.shutdownNow();
        sqs.close();
        dynamoDb.close();
    }

    @Override
    public String toString() {
        return "NullFunction[" + definition.logicalId() + "]";
    }
}
