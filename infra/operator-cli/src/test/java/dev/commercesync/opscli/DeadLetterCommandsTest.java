package dev.commercesync.opscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.pipeline.operations.AuditRecord;
import dev.commercesync.pipeline.operations.DynamoDbOperatorAudit;
import dev.commercesync.pipeline.orderstate.DynamoDbOrderStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DLQ commands against ElasticMQ and DynamoDB Local with the template's queues and tables: what list and show
 * report, that looking changes nothing, that a dry run moves nothing, and that an executed redrive moves exactly the
 * selected messages (FIFO group kept) and leaves one audit record.
 */
class DeadLetterCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatedStack local = EmulatedStack.get();

    @BeforeEach
    void emptyQueuesAndAuditTrail() {
        local.reset();
    }

    @Test
    void listNamesEveryDlqWithItsSourceQueueCountAndOldestAge() throws Exception {
        send("CanonicalOrderDLQ", event("shopify:1001"), null);
        send("CanonicalOrderDLQ", event("amazon:2002"), null);
        send("ErpPostingDLQ", event("shopify:1001"), "shopify:1001");

        EmulatedStack.Run run = local.cli("dlq", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("CanonicalOrderDLQ\\s+2\\s+0\\s+\\d+s\\s+CanonicalOrderQueue")
                .containsPattern("ErpPostingDLQ.fifo\\s+1\\s+0\\s+\\d+s\\s+ErpPostingQueue.fifo")
                .containsPattern("OrderIntakeDLQ\\s+0\\s+0\\s+-\\s+OrderIntakeQueue");
        JsonNode json = JSON.readTree(local.cli("dlq", "list", "--json").out());
        assertThat(json.path("deadLetterQueues").findValuesAsText("name"))
                .contains("OrderIntakeDLQ", "CanonicalOrderDLQ", "ErpPostingDLQ.fifo", "InventoryDLQ.fifo",
                        "ShopifyInventoryDLQ.fifo", "AmazonInventoryDLQ.fifo", "EbayInventoryDLQ.fifo")
                .doesNotContain("OrderIntakeQueue", "ErpPostingQueue.fifo");
        JsonNode posting = JSON.readTree(local.cli("dlq", "list", "--name", "posting", "--json").out());
        assertThat(posting.path("deadLetterQueues").findValuesAsText("name")).containsExactly("ErpPostingDLQ.fifo");
        // Looking to find the oldest age consumed nothing.
        assertThat(visible("CanonicalOrderDLQ")).isEqualTo(2);
    }

    @Test
    void showReportsEachMessageWithItsOrdersLastErrorAndLeavesThemOnTheQueue() throws Exception {
        String failing = "shopify:" + unique();
        recordMappingFailure(failing, "line total 10.00 does not match 2 x 4.99");
        send("CanonicalOrderDLQ", event(failing), null);
        send("CanonicalOrderDLQ", event("amazon:" + unique()), null);

        EmulatedStack.Run run = local.cli("dlq", "show", "CanonicalOrderDLQ", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode matched = JSON.readTree(run.out()).path("matched");
        assertThat(matched).hasSize(2);
        JsonNode first = matched.get(0).path("orderKey").asText().equals(failing) ? matched.get(0) : matched.get(1);
        assertThat(first.path("schema").asText()).isEqualTo("commerce.order.v1");
        assertThat(first.path("channel").asText()).isEqualTo("shopify");
        assertThat(first.path("correlationId").asText()).startsWith("corr-");
        assertThat(first.path("eventId").asText()).isNotBlank();
        assertThat(first.path("receiveCount").asInt()).isZero();
        assertThat(first.path("order").path("status").asText()).isEqualTo("MAPPING_FAILED");
        assertThat(first.path("order").path("lastErrorReason").asText()).contains("does not match");

        // Handed straight back: visible again at once, and a second look counts the first one.
        assertThat(visible("CanonicalOrderDLQ")).isEqualTo(2);
        JsonNode again = JSON.readTree(local.cli("dlq", "show", "CanonicalOrderDLQ", "--json").out()).path("matched");
        assertThat(again.findValuesAsText("receiveCount")).containsOnly("1");
    }

    @Test
    void showFiltersByChannelOrderKeyErrorTextAndAge() throws Exception {
        String rejected = "ebay:" + unique();
        recordMappingFailure(rejected, "unknown SKU MUG-RED");
        String amazon = "amazon:" + unique();
        send("CanonicalOrderDLQ", event(rejected), null);
        send("CanonicalOrderDLQ", event(amazon), null);
        send("CanonicalOrderDLQ", event("shopify:" + unique()), null);

        assertThat(orderKeys(local.cli("dlq", "show", "CanonicalOrderDLQ", "--channel", "amazon", "--json")))
                .containsExactly(amazon);
        assertThat(orderKeys(local.cli("dlq", "show", "CanonicalOrderDLQ", "--order-key", rejected, "--json")))
                .containsExactly(rejected);
        assertThat(orderKeys(local.cli("dlq", "show", "CanonicalOrderDLQ", "--error", "unknown sku", "--json")))
                .containsExactly(rejected);
        assertThat(orderKeys(local.cli("dlq", "show", "CanonicalOrderDLQ", "--older-than", "1h", "--json")))
                .isEmpty();
        assertThat(orderKeys(local.cli("dlq", "show", "CanonicalOrderDLQ", "--limit", "2", "--json"))).hasSize(2);

        EmulatedStack.Run table = local.cli("dlq", "show", "CanonicalOrderDLQ", "--error", "MUG-RED");
        assertThat(table.out()).contains("1 of 3 message(s) looked at match (error~MUG-RED limit=50)")
                .contains(rejected).contains("MAPPING_FAILED (OPEN): unknown SKU MUG-RED");
    }

    @Test
    void aDryRunMovesNothingAndSaysExactlyWhatWouldMove() throws Exception {
        String order = "shopify:" + unique();
        String id = send("CanonicalOrderDLQ", event(order), null);
        send("CanonicalOrderDLQ", event("amazon:" + unique()), null);

        EmulatedStack.Run run = local.cli("dlq", "redrive", "CanonicalOrderDLQ", "--order-key", order);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("DRY RUN, nothing moved: 1 of 2 message(s) would move from CanonicalOrderDLQ "
                + "to CanonicalOrderQueue").contains(id).contains("would move");
        assertThat(visible("CanonicalOrderDLQ")).isEqualTo(2);
        assertThat(visible("CanonicalOrderQueue")).isZero();
        List<AuditRecord> audit = auditTrail();
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.dryRun()).isTrue();
            assertThat(r.action()).isEqualTo(AuditRecord.DLQ_REDRIVE);
            assertThat(r.subjects()).containsExactly(id);
            assertThat(r.actor()).isEqualTo("tester");
        });
    }

    @Test
    void executeMovesOnlyTheSelectedMessagesBodyAndAttributesIntactAndWritesOneAuditRecord() throws Exception {
        String order = "shopify:" + unique();
        String body = event(order);
        String moved = send("CanonicalOrderDLQ", body, null);
        String staying = send("CanonicalOrderDLQ", event("amazon:" + unique()), null);

        EmulatedStack.Run run = local.cli("dlq", "redrive", "CanonicalOrderDLQ", "--order-key", order, "--execute",
                "--reason", "ERP mapping for MUG-WHT fixed");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("moved 1 of 1 selected message(s) from CanonicalOrderDLQ to CanonicalOrderQueue");
        List<Message> back = receiveAll("CanonicalOrderQueue");
        assertThat(back).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(body);
            assertThat(m.messageAttributes().get("correlationId").stringValue()).isEqualTo(correlationOf(body));
            assertThat(m.messageAttributes().get("schema").stringValue()).isEqualTo("commerce.order.v1");
            assertThat(m.messageAttributes().get("traceparent").stringValue()).startsWith("00-");
        });
        assertThat(receiveAll("CanonicalOrderDLQ")).extracting(Message::messageId).containsExactly(staying);
        List<AuditRecord> audit = auditTrail();
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.dryRun()).isFalse();
            assertThat(r.actor()).isEqualTo("tester");
            assertThat(r.reason()).isEqualTo("ERP mapping for MUG-WHT fixed");
            assertThat(r.target()).isEqualTo("CanonicalOrderDLQ");
            assertThat(r.subjects()).containsExactly(moved);
            assertThat(r.details()).containsEntry("targetQueue", "CanonicalOrderQueue").containsEntry("moved", "1")
                    .containsEntry("orderKeys", order);
        });
    }

    @Test
    void aFifoRedriveKeepsEachMessagesGroupAndItsOrder() throws Exception {
        String order = "shopify:" + unique();
        String other = "ebay:" + unique();
        String first = event(order);
        String second = event(order);
        String otherBody = event(other);
        send("ErpPostingDLQ", first, order);
        send("ErpPostingDLQ", second, order);
        send("ErpPostingDLQ", otherBody, other);

        EmulatedStack.Run run = local.cli("dlq", "redrive", "ErpPostingDLQ", "--order-key", order, "--execute",
                "--reason", "ERP back after outage");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<Message> back = receiveAll("ErpPostingQueue");
        assertThat(back).extracting(Message::body).containsExactly(first, second);
        assertThat(back).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .containsOnly(order);
        assertThat(receiveAll("ErpPostingDLQ")).extracting(Message::body).containsExactly(otherBody);
    }

    @Test
    void executeWithoutAReasonIsRefusedAndMovesNothing() {
        send("CanonicalOrderDLQ", event("shopify:" + unique()), null);

        EmulatedStack.Run run = local.cli("dlq", "redrive", "CanonicalOrderDLQ", "--execute");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--execute needs --reason");
        assertThat(visible("CanonicalOrderDLQ")).isEqualTo(1);
        assertThat(auditTrail()).isEmpty();
    }

    @Test
    void anUnknownQueueIsNotFoundAndNamesTheDlqs() {
        EmulatedStack.Run run = local.cli("dlq", "show", "NoSuchDLQ");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("no dead-letter queue 'NoSuchDLQ'").contains("CanonicalOrderDLQ");
    }

    // --- fixtures -------------------------------------------------------------------------------------------------

    /** An order event as the pipeline's envelope carries it (the payload does not matter to the DLQ commands). */
    private static String event(String orderKey) {
        String channel = orderKey.substring(0, orderKey.indexOf(':'));
        String body = "{\"schema\":\"commerce.order.v1\",\"eventId\":\"" + UUID.randomUUID() + "\","
                + "\"correlationId\":\"corr-" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\","
                + "\"channel\":\"" + channel + "\",\"orderKey\":\"" + orderKey + "\",\"trail\":[],\"payload\":{}}";
        return body;
    }

    /** Sends as the pipeline does (correlation, schema, trace context attributes); returns the message id. */
    private String send(String logicalId, String body, String group) {
        String url = local.stack.queueUrl(logicalId);
        return local.sqs.sendMessage(b -> {
            b.queueUrl(url).messageBody(body).messageAttributes(Map.of(
                    "correlationId", text(correlationOf(body)),
                    "schema", text("commerce.order.v1"),
                    "traceparent", text("00-" + "a".repeat(32) + "-" + "b".repeat(16) + "-01")));
            if (group != null) {
                b.messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString());
            }
        }).messageId();
    }

    private static String correlationOf(String body) {
        try {
            return JSON.readTree(body).path("correlationId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private long visible(String logicalId) {
        return Long.parseLong(local.sqs.getQueueAttributes(b -> b.queueUrl(local.stack.queueUrl(logicalId))
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** Receives and deletes everything on the queue, in order. */
    private List<Message> receiveAll(String logicalId) {
        String url = local.stack.queueUrl(logicalId);
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = local.sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            for (Message m : batch) {
                local.sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private void recordMappingFailure(String orderKey, String reason) {
        new DynamoDbOrderStateStore(local.dynamoDb, local.stack.tableName("OrderStateTable")).recordMappingFailure(
                ChannelOrderKey.parse(orderKey), reason, "{\"raw\":true}", "corr-" + UUID.randomUUID(),
                List.of(new TimelineEntry(Instant.now(), "MAPPING_FAILED", null, null, reason)));
    }

    private List<AuditRecord> auditTrail() {
        return new DynamoDbOperatorAudit(local.dynamoDb, local.stack.tableName("OperatorAuditTable")).recent(100);
    }

    private static List<String> orderKeys(EmulatedStack.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> keys = new ArrayList<>();
        JSON.readTree(run.out()).path("matched").forEach(m -> keys.add(m.path("orderKey").asText()));
        return keys;
    }

    private static String unique() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }
}
