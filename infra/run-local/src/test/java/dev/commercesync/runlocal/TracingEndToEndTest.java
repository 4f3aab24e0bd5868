package dev.commercesync.runlocal;

import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.demo.DemoOptions;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.demo.Expectation;
import dev.commercesync.runlocal.erp.SandboxErp;
import dev.commercesync.runlocal.telemetry.CollectedSpan;
import dev.commercesync.runlocal.telemetry.TraceCollector;
import dev.commercesync.runlocal.telemetry.TraceContinuity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Shopify order through the whole stack, followed by its trace: the spans every function exported to the local
 * collector must make one trace from ingest's HTTP SERVER span, through the PRODUCER and CONSUMER span of each queue
 * (map, dedupe, post-to-erp), to the CLIENT span of the ERP call, with no span whose parent is missing; the ERP must
 * have been called with that trace's context, and the order's timeline must name that trace at every step.
 */
class TracingEndToEndTest {

    private static final List<String> ORDER_QUEUES = List.of("OrderIntakeQueue", "CanonicalOrderQueue",
            "ErpPostingQueue");
    private static final List<String> TRACED_STEPS = List.of("RECEIVED", "MAPPED", "ACCEPTED", "POSTED");

    @AfterAll
    static void release() {
        OrderPipelineStack.release(TracingEndToEndTest.class);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void oneOrderIsOneTraceFromTheWebhookToTheErp() throws Exception {
        LocalStack stack = OrderPipelineStack.get();
        Delivery delivery = DemoFeed.generate(new DemoOptions(4, 5151, 0, 0, 0, 0, OrderPipelineStack.SHOPIFY_SECRET))
                .deliveries().stream()
                .filter(d -> d.channel() == SalesChannel.SHOPIFY && d.expectation() == Expectation.ACCEPTED_NEW_ORDER)
                .findFirst().orElseThrow();

        assertThat(OrderPipelineStack.post(stack, delivery)).as("ingest accepts the signed webhook").isEqualTo(202);
        Map<String, AttributeValue> state = awaitPosted(stack, delivery.orderKey(), Duration.ofSeconds(90));

        List<Map<String, String>> timeline = OrderPipelineStack.timeline(state);
        assertThat(timeline).extracting(entry -> entry.get("step")).containsAll(TRACED_STEPS);
        List<String> traceIds = timeline.stream().filter(entry -> TRACED_STEPS.contains(entry.get("step")))
                .map(entry -> entry.get("traceId")).distinct().toList();
        assertThat(traceIds).as("the trace named by RECEIVED, MAPPED, ACCEPTED and POSTED: " + timeline)
                .hasSize(1).doesNotContainNull();
        String traceId = traceIds.get(0);

        TraceCollector collector = stack.traceCollector();
        List<CollectedSpan> trace = awaitTrace(collector, traceId, Duration.ofSeconds(20));
        String outline = TraceCollector.outline(trace);
        System.out.println("trace of " + delivery.orderKey() + ":\n" + outline);

        Map<String, CollectedSpan> byId = trace.stream()
                .collect(Collectors.toMap(CollectedSpan::spanId, span -> span, (a, b) -> a));
        assertThat(trace).as("every parent was exported too:\n" + outline)
                .allSatisfy(span -> assertThat(span.parentSpanId() == null || byId.containsKey(span.parentSpanId()))
                        .as(span.name() + " has parent " + span.parentSpanId()).isTrue());
        assertThat(trace).as("every span says which function sent it").allSatisfy(span ->
                assertThat(span.service()).isNotBlank());
        List<CollectedSpan> roots = trace.stream().filter(CollectedSpan::isRoot).toList();
        assertThat(roots).as("one root, ingest's HTTP SERVER span:\n" + outline).hasSize(1);
        CollectedSpan server = roots.get(0);
        assertThat(server.kind()).isEqualTo("SERVER");
        assertThat(TraceContinuity.of(trace).traces()).as("the SERVER span is an accepted order delivery: "
                + server.attributes()).isEqualTo(1);

        // ingest → send → map → send → dedupe → send → post-to-erp: each hop under the one before.
        CollectedSpan previous = server;
        for (String queue : ORDER_QUEUES) {
            String name = queueName(stack, queue);
            CollectedSpan upstream = previous;
            CollectedSpan send = trace.stream()
                    .filter(s -> s.kind().equals("PRODUCER") && s.name().equals(name + " send"))
                    .filter(s -> ancestors(s, byId).contains(upstream))
                    .findFirst().orElse(null);
            assertThat(send).as("a PRODUCER span \"" + name + " send\" under " + upstream.name() + ":\n" + outline)
                    .isNotNull();
            CollectedSpan process = trace.stream()
                    .filter(s -> s.kind().equals("CONSUMER") && s.name().equals(name + " process"))
                    .filter(s -> send.spanId().equals(s.parentSpanId()))
                    .findFirst().orElse(null);
            assertThat(process).as("a CONSUMER span \"" + name + " process\" whose parent is the send:\n" + outline)
                    .isNotNull();
            assertThat(process.service()).as("a different function consumes " + name).isNotEqualTo(send.service());
            previous = process;
        }

        SandboxErp erp = stack.erp().orElseThrow();
        List<String[]> erpContexts = erp.traceparents().stream().map(header -> header.split("-"))
                .filter(parts -> parts.length == 4 && parts[1].equals(traceId)).toList();
        assertThat(erpContexts).as("the ERP was called within the order's trace; it saw " + erp.traceparents())
                .isNotEmpty();
        CollectedSpan postToErp = previous;
        for (String[] context : erpContexts) {
            CollectedSpan caller = byId.get(context[2]);
            assertThat(caller).as("the traceparent the ERP got names an exported span:\n" + outline).isNotNull();
            assertThat(caller.kind()).as("injected from the ERP call's own CLIENT span").isEqualTo("CLIENT");
            assertThat(ancestors(caller, byId)).as("the ERP call happens while post-to-erp processes the message")
                    .contains(postToErp);
        }
    }

    private static Map<String, AttributeValue> awaitPosted(LocalStack stack, String orderKey, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, AttributeValue> state = Map.of();
        while (System.nanoTime() < deadline) {
            state = OrderPipelineStack.orderState(stack, orderKey);
            if ("POSTED".equals(OrderPipelineStack.status(state))
                    && !stack.erp().orElseThrow().documentsFor(orderKey).isEmpty()) {
                return state;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(orderKey + " was not POSTED within " + patience + "; its state: " + state);
    }

    /** The order's trace once its spans have stopped arriving (each function exports before it answers). */
    private static List<CollectedSpan> awaitTrace(TraceCollector collector, String traceId, Duration patience)
            throws InterruptedException {
        collector.awaitQuiet(Duration.ofSeconds(1), patience);
        List<CollectedSpan> trace = collector.trace(traceId);
        assertThat(trace).as("spans of trace " + traceId + " (the collector holds " + collector.spans().size()
                + " spans of traces " + collector.spans().stream().map(CollectedSpan::traceId).distinct().toList()
                + ")").isNotEmpty();
        return trace;
    }

    /** Parent, grandparent, … as far as exported spans go. */
    private static List<CollectedSpan> ancestors(CollectedSpan span, Map<String, CollectedSpan> byId) {
        List<CollectedSpan> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CollectedSpan parent = byId.get(span.parentSpanId()); parent != null && seen.add(parent.spanId());
             parent = byId.get(parent.parentSpanId())) {
            ancestors.add(parent);
        }
        return ancestors;
    }

    /** The queue's name as the functions see it: the last segment of its URL. */
    private static String queueName(LocalStack stack, String logicalId) {
        String url = stack.stack().queueUrl(logicalId);
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
