package dev.commercesync.runlocal.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.runlocal.LocalStack;
import dev.commercesync.runlocal.RunLocalOptions;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.esm.LambdaSqsEvent;
import dev.commercesync.runlocal.esm.MappingDefinition;
import dev.commercesync.runlocal.esm.SqsEventSourceMapping;
import dev.commercesync.runlocal.http.HttpApiFront;
import dev.commercesync.runlocal.http.HttpRoute;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.Invocation;
import dev.commercesync.runlocal.lambda.LocalFunction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Each function's first event, as close to its real traffic as one cold start allows. One order per pass travels
 * the chain, so every SQS-fed function gets the very message the function before it queued (map: ingest's raw
 * order; dedupe: map's canonical order; post-to-erp and publish-inventory: dedupe's posting and stock hold), taken
 * from its queue as the event source mapping would and deleted after a clean answer. HTTP functions get a real
 * request through a local HTTP API (ingest: the order's delivery; operator API: a lookup of that order); scheduled
 * ones the scheduler's {@code {}}. A function whose queues are empty (its predecessor was not selected) gets an
 * empty batch, and the report says so.
 *
 * <p>The stack's event source mappings must be stopped: nothing but this class may take a message.
 */
final class FirstEvents implements AutoCloseable {

    static final String ORDER_ROUTE = "POST /v1/orders/{channel}";
    static final String LOOKUP_ROUTE = "GET /v1/orders/{channel}/{channelOrderId}";
    /** Longer than any cold start; a first event that takes this long is a failure worth seeing. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    /** What was delivered and how it was answered. */
    record Answer(String event, String outcome, boolean ok) {
    }

    private final LocalStack stack;
    private final HttpApiFront front;
    private final Map<String, AtomicReference<FunctionInvoker>> httpTargets = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    FirstEvents(LocalStack stack) {
        this.stack = stack;
        Map<String, FunctionInvoker> invokers = new HashMap<>();
        for (HttpRoute route : stack.api().api().routes()) {
            AtomicReference<FunctionInvoker> target = httpTargets.computeIfAbsent(route.functionLogicalId(),
                    id -> new AtomicReference<>());
            invokers.putIfAbsent(route.functionLogicalId(), payload -> {
                FunctionInvoker current = target.get();
                return current != null ? current.invoke(payload) : CompletableFuture.failedFuture(
                        new IllegalStateException(route.functionLogicalId() + " is not being measured"));
            });
        }
        this.front = HttpApiFront.start(stack.api().api(), invokers, 0);
    }

    /** Delivers {@code function}'s first event (about {@code order}) and waits for the answer. */
    Answer deliver(String logicalId, LocalFunction function, Delivery order) throws Exception {
        List<MappingDefinition> queues = stack.mappings().stream().map(SqsEventSourceMapping::definition)
                .filter(m -> m.functionLogicalId().equals(logicalId)).toList();
        if (!queues.isEmpty()) {
            return sqsRecord(function, queues);
        }
        AtomicReference<FunctionInvoker> target = httpTargets.get(logicalId);
        if (target != null) {
            target.set(function);
            try {
                return httpRequest(logicalId, order);
            } finally {
                target.set(null);
            }
        }
        Invocation result = function.invoke("{}").get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        return new Answer("scheduled {}", describe(result), result instanceof Invocation.Success);
    }

    private Answer sqsRecord(LocalFunction function, List<MappingDefinition> queues) throws Exception {
        for (MappingDefinition queue : queues) {
            List<Message> messages = stack.sqs().receiveMessage(b -> b.queueUrl(queue.queueUrl())
                    .maxNumberOfMessages(1).waitTimeSeconds(1)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                continue;
            }
            String event = LambdaSqsEvent.render(json, messages, queue.queueArn());
            Invocation result = function.invoke(event).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            boolean ok = result instanceof Invocation.Success success && noFailedItems(success.payload());
            if (ok) {
                // As the event source mapping does after a clean answer.
                stack.sqs().deleteMessage(b -> b.queueUrl(queue.queueUrl())
                        .receiptHandle(messages.get(0).receiptHandle()));
            }
            String outcome = ok ? "no failed items" : result instanceof Invocation.Success success
                    ? "answered " + success.payload() : describe(result);
            return new Answer("1 record from " + queue.queueLogicalId(), outcome, ok);
        }
        Invocation result = function.invoke("{\"Records\":[]}").get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        return new Answer("empty batch (its queues were empty)", describe(result),
                result instanceof Invocation.Success);
    }

    private Answer httpRequest(String logicalId, Delivery order) throws IOException, InterruptedException {
        List<String> routes = stack.api().api().routes().stream()
                .filter(r -> r.functionLogicalId().equals(logicalId)).map(HttpRoute::routeKey).toList();
        if (routes.contains(ORDER_ROUTE)) {
            HttpResponse<String> response = http.send(order.request(front.baseUri()),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer("POST " + order.path(), Integer.toString(response.statusCode()),
                    response.statusCode() == order.expectation().ingestStatus());
        }
        if (routes.contains(LOOKUP_ROUTE)) {
            String path = "/v1/orders/" + order.orderKey().replaceFirst(":", "/");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(front.baseUri() + path))
                    .timeout(PATIENCE)
                    .header("authorization", "Bearer " + RunLocalOptions.LOCAL_OPERATOR_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            // 404 when the order never reached dedupe (it was not selected): the lookup still ran.
            return new Answer("GET /v1/orders/{channel}/{id}", Integer.toString(response.statusCode()),
                    response.statusCode() == 200 || response.statusCode() == 404);
        }
        throw new IllegalStateException(logicalId + " serves none of " + List.of(ORDER_ROUTE, LOOKUP_ROUTE)
                + ": teach FirstEvents a request for " + routes);
    }

    private boolean noFailedItems(String payload) {
        try {
            JsonNode failures = json.readTree(payload).path("batchItemFailures");
            return failures.isMissingNode() || failures.isNull() || failures.isEmpty();
        } catch (IOException notJson) {
            return false;
        }
    }

    private static String describe(Invocation result) {
        if (result instanceof Invocation.FunctionError error) {
            return error.errorType() + ": " + error.errorMessage();
        }
        if (result instanceof Invocation.Timeout timeout) {
            return "timed out after " + timeout.limit();
        }
        if (result instanceof Invocation.Crashed crashed) {
            return crashed.reason();
        }
        return "success";
    }

    @Override
    public void close() {
        front.close();
    }
}
