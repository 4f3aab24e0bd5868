package dev.commercesync.runlocal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.opscli.CommerceOps;
import dev.commercesync.opscli.ExitCodes;
import dev.commercesync.pipeline.operations.AuditRecord;
import dev.commercesync.pipeline.operations.DynamoDbOperatorAudit;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.demo.DemoOptions;
import dev.commercesync.runlocal.erp.SandboxErp;
import dev.commercesync.runlocal.erp.SandboxErpStats;
import dev.commercesync.runlocal.erp.SandboxSalesOrder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redrive replays what the pipeline already did, and nothing happens twice: orders go through the whole local
 * stack into the sandbox ERP; then copies of messages it already processed (each order's canonical-order event, with
 * its original idempotency key, and its ERP posting event) are put on the DLQs and moved back with
 * {@code ./commerce-ops dlq redrive --execute}. dedupe suppresses the canonical replays as duplicates, post-to-erp
 * finds the postings already held: one ERP document per order, no duplicate creates, empty DLQs, and the redrives in
 * the operator audit trail.
 */
class RedriveSafetyTest {

    private static final int ORDERS = 3;
    private static final String ACTOR = "redrive-safety-test";
    private static final ObjectMapper JSON = CommerceJson.newMapper();

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void replayedMessagesAreSuppressedAndTheErpKeepsOneDocumentPerOrder() throws Exception {
        Path root = RepositoryRoot.locate();
        for (SamTemplate.Function function : SamTemplate.read(RepositoryRoot.template(root)).functions()) {
            Path zip = RepositoryRoot.template(root).getParent().resolve(function.codeUri()).normalize();
            Assumptions.assumeTrue(Files.isRegularFile(zip), zip + " is not built; run the full ./mvnw verify");
        }
        // ./run-local up's settings (laptop-sized concurrency), on free ports.
        RunLocalOptions options = RunLocalOptions.parse(List.of("up", "--api-port", "0", "--erp-port", "0",
                "--marketplace-port", "0", "--otlp-port", "0"));

        try (LocalStack stack = LocalStack.start(root, RunLocal.settings(options))) {
            long started = System.nanoTime();
            stack.warmUp(Duration.ofSeconds(150));
            System.out.printf("RedriveSafetyTest: stack warm after %d s%n", seconds(started));
            SandboxErp erp = stack.erp().orElseThrow();
            StackState state = new StackState(stack);

            DemoFeed feed = DemoFeed.generate(new DemoOptions(ORDERS, 5, 0, 0, 0, 0, options.shopifySecret()));
            for (Delivery delivery : feed.deliveries()) {
                assertThat(post(stack, delivery)).as("ingest accepted %s", delivery).isEqualTo(202);
            }
            await("every order posted to the ERP", Duration.ofSeconds(90), () -> erp.documents().size() == ORDERS
                    && state.orders().stream().filter(o -> "POSTED".equals(o.status())).count() == ORDERS
                    && state.pipelineDepth() == 0);
            SandboxErpStats before = erp.stats();
            System.out.printf("RedriveSafetyTest: %d orders in the ERP after %d s%n", ORDERS, seconds(started));

            // Copies of what the pipeline already processed, as if they had died in its DLQs.
            List<String> orderKeys = new ArrayList<>();
            for (StackState.OrderStateRow order : state.orders()) {
                orderKeys.add(order.orderKey());
                String event = processedOrderEvent(stack, order);
                sendTo(stack, "CanonicalOrderDLQ", event, null);
                sendTo(stack, "ErpPostingDLQ", event, order.orderKey());
            }

            CliRun list = cli(stack, "dlq", "list");
            System.out.print(list.out());
            assertThat(list.out()).containsPattern("CanonicalOrderDLQ\\s+" + ORDERS + "\\s")
                    .containsPattern("ErpPostingDLQ.fifo\\s+" + ORDERS + "\\s");
            CliRun dryRun = cli(stack, "dlq", "redrive", "CanonicalOrderDLQ");
            System.out.print(dryRun.out());
            assertThat(dryRun.exit()).as(dryRun.text()).isZero();
            assertThat(dryRun.out()).contains("DRY RUN, nothing moved: " + ORDERS + " of " + ORDERS);
            for (String dlq : List.of("CanonicalOrderDLQ", "ErpPostingDLQ")) {
                CliRun redrive = cli(stack, "dlq", "redrive", dlq, "--execute", "--reason",
                        "replay after ERP incident INC-4711");
                System.out.print(redrive.out());
                assertThat(redrive.exit()).as(redrive.text()).isEqualTo(ExitCodes.OK);
                assertThat(redrive.out()).contains("moved " + ORDERS + " of " + ORDERS);
            }

            await("the replays processed and suppressed", Duration.ofSeconds(60), () -> state.pipelineDepth() == 0
                    && state.orders().stream().allMatch(o -> o.duplicatesSuppressed() >= 1));
            // Whatever the posting replays were going to do, they have done once the posting queue is empty.
            await("the posting queue drained", Duration.ofSeconds(30), () -> messagesOn(stack, "ErpPostingQueue") == 0);
            System.out.printf("RedriveSafetyTest: replays drained after %d s%n", seconds(started));

            SandboxErpStats after = erp.stats();
            assertThat(erp.documents()).hasSize(ORDERS);
            assertThat(erp.documents()).extracting(SandboxSalesOrder::externalReference)
                    .containsExactlyInAnyOrderElementsOf(orderKeys);
            assertThat(after.creates()).isEqualTo(ORDERS);
            assertThat(after.createRequestsForExistingReference()).as("duplicate creates").isZero();
            assertThat(after.updates()).as("updates caused by the replays").isEqualTo(before.updates());
            assertThat(state.orders()).allSatisfy(order -> {
                assertThat(order.status()).isEqualTo("POSTED");
                assertThat(order.duplicatesSuppressed()).as("replays of %s suppressed", order.orderKey())
                        .isEqualTo(1);
            });
            for (String dlq : state.deadLetterQueueUrls()) {
                assertThat(messagesOn(stack, dlq)).as("messages left on %s", dlq).isZero();
            }
            List<AuditRecord> audit = new DynamoDbOperatorAudit(stack.dynamoDb(),
                    stack.stack().tableName("OperatorAuditTable")).recent(10);
            assertThat(audit).filteredOn(r -> !r.dryRun()).hasSize(2).allSatisfy(r -> {
                assertThat(r.action()).isEqualTo(AuditRecord.DLQ_REDRIVE);
                assertThat(r.actor()).isEqualTo(ACTOR);
                assertThat(r.reason()).isEqualTo("replay after ERP incident INC-4711");
                assertThat(r.subjects()).hasSize(ORDERS);
                assertThat(r.details().get("orderKeys").split(",")).containsExactlyInAnyOrderElementsOf(orderKeys);
            });
            assertThat(audit).extracting(AuditRecord::target)
                    .contains("CanonicalOrderDLQ", "ErpPostingDLQ.fifo");
            System.out.printf("RedriveSafetyTest: done after %d s%n", seconds(started));
        }
    }

    /**
     * The {@code commerce.order.v1} event the order went through dedupe and post-to-erp with: its accepted canonical
     * order and idempotency key as the order state keeps them (a new event id, as every hop makes).
     */
    private static String processedOrderEvent(LocalStack stack, StackState.OrderStateRow order) throws Exception {
        Map<String, String> item = stack.dynamoDb().getItem(b -> b.tableName(stack.stack().tableName("OrderStateTable"))
                        .key(Map.of("orderKey", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                .fromS(order.orderKey())))).item().entrySet().stream()
                .filter(e -> e.getValue().s() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
        ObjectNode event = JSON.createObjectNode();
        event.put("schema", SchemaId.ORDER_V1);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("correlationId", item.get("correlationId"));
        event.putNull("causationId");
        event.put("occurredAt", Instant.now().toString());
        event.put("channel", order.orderKey().substring(0, order.orderKey().indexOf(':')));
        event.put("orderKey", order.orderKey());
        event.put("idempotencyKey", item.get("acceptedEventKey"));
        event.putArray("trail");
        event.set("payload", JSON.readTree(order.orderJson()));
        return JSON.writeValueAsString(event);
    }

    private static void sendTo(LocalStack stack, String dlq, String body, String group) throws Exception {
        String correlationId = JSON.readTree(body).path("correlationId").asText();
        stack.sqs().sendMessage(b -> {
            b.queueUrl(stack.stack().queueUrl(dlq)).messageBody(body).messageAttributes(Map.of(
                    "correlationId", text(correlationId), "schema", text(SchemaId.ORDER_V1)));
            if (group != null) {
                b.messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString());
            }
        });
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static long messagesOn(LocalStack stack, String logicalIdOrUrl) {
        String url = logicalIdOrUrl.startsWith("http") ? logicalIdOrUrl : stack.stack().queueUrl(logicalIdOrUrl);
        Map<String, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    private int post(LocalStack stack, Delivery delivery) throws Exception {
        HttpRequest request = delivery.request(stack.api().baseUri());
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private record CliRun(int exit, String out, String err) {
        String text() {
            return out + err;
        }
    }

    /** {@code ./commerce-ops <args>} in this JVM, pointed at the stack's emulators. */
    private static CliRun cli(LocalStack stack, String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("--sqs-endpoint", stack.emulators().sqsEndpoint().toString(),
                "--dynamodb-endpoint", stack.emulators().dynamoDbEndpoint().toString(), "--actor", ACTOR));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommerceOps.run(full.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of());
        return new CliRun(exit, out.toString(), err.toString());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
