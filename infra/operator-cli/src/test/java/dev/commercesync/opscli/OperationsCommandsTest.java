package dev.commercesync.opscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.pipeline.orderstate.DynamoDbOrderStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code order}, {@code exceptions list|retry} and {@code audit list} through the operations core, against DynamoDB
 * Local and ElasticMQ.
 */
class OperationsCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private final EmulatedStack local = EmulatedStack.get();

    @BeforeEach
    void emptyQueuesAndAuditTrail() {
        local.reset();
    }

    @Test
    void orderShowsStateTimelineWithTraceIdsAndExceptionIds() {
        String id = unique();
        recordMappingFailure(id, "order total 54.88 does not reconcile with its lines (49.98)");

        EmulatedStack.Run run = local.cli("order", "shopify", id);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("shopify:" + id).contains("MAPPING_FAILED").contains(TRACE_ID)
                .contains("does not reconcile").containsPattern("[A-Za-z0-9_-]+\\.1\\s+\\S+\\s+MAPPING_FAILED\\s+OPEN");
        assertThat(local.cli("order", "shopify", "no-such-order").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(local.cli("order", "etsy", id).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anExceptionIsListedRetriedOntoTheIntakeQueueAndTheRetryAudited() throws Exception {
        String id = unique();
        recordMappingFailure(id, "unknown SKU MUG-WHT");
        JsonNode listed = JSON.readTree(local.cli("exceptions", "list", "--type", "MAPPING_FAILED", "--channel",
                "shopify", "--limit", "100", "--json").out());
        String exceptionId = null;
        for (JsonNode e : listed.path("exceptions")) {
            if (e.path("orderKey").asText().equals("shopify:" + id)) {
                exceptionId = e.path("exceptionId").asText();
            }
        }
        assertThat(exceptionId).as("listed: %s", listed).isNotNull();

        EmulatedStack.Run retry = local.cli("exceptions", "retry", exceptionId, "--reason", "SKU MUG-WHT mapped");

        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("retried " + exceptionId);
        List<Message> intake = local.sqs.receiveMessage(b -> b.queueUrl(local.stack.queueUrl("OrderIntakeQueue"))
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(intake).singleElement().satisfies(m -> assertThat(m.body()).contains("\"orderKey\":\"shopify:" + id
                + "\"").contains("commerce.raw-order"));
        EmulatedStack.Run audit = local.cli("audit", "list");
        assertThat(audit.out()).contains("EXCEPTION_RETRY").contains("tester").contains(exceptionId)
                .contains("SKU MUG-WHT mapped");
        assertThat(local.cli("exceptions", "retry", "bm8.1", "--reason", "x").exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void aRetryWithoutReasonIsAUsageError() {
        assertThat(local.cli("exceptions", "retry", "abc.1").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private void recordMappingFailure(String channelOrderId, String reason) {
        String correlationId = "corr-" + UUID.randomUUID();
        new DynamoDbOrderStateStore(local.dynamoDb, local.stack.tableName("OrderStateTable")).recordMappingFailure(
                new ChannelOrderKey(dev.commercesync.model.order.SalesChannel.SHOPIFY, channelOrderId), reason,
                "{\"id\":" + channelOrderId + "}", correlationId,
                List.of(new TimelineEntry(Instant.now(), "RECEIVED", correlationId, TRACE_ID, "webhook"),
                        new TimelineEntry(Instant.now(), "MAPPING_FAILED", correlationId, TRACE_ID, reason)));
    }

    private static String unique() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }
}
