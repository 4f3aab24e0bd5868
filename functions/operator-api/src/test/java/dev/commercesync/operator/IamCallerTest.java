package dev.commercesync.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.operations.AuditRecord;
import dev.commercesync.pipeline.operations.OperatorAudit;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LocalHttpApi;
import dev.commercesync.pipeline.testing.SampleOrders;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * As deployed in AWS (the template's LocalOperatorToken left empty): no operator token, because the HTTP API's
 * {@code AWS_IAM} authorizer admits only signed calls and names the caller in the request context, which makes the
 * caller the actor of the audit trail. {@link LocalHttpApi#IAM_CALLER_HEADER} plays the authorizer.
 */
@QuarkusTest
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(LocalHttpApi.class)
class IamCallerTest {

    private static final String CALLER = "arn:aws:sts::123456789012:assumed-role/OrderOperations/jane";
    private static final ObjectMapper JSON = CommerceJson.newMapper();

    @Inject
    OrderStateStore orders;
    @Inject
    OperatorAudit audit;

    @Test
    void noTokenIsAskedForAndTheIamCallerIsTheActor() throws IOException {
        ChannelOrderKey key = new ChannelOrderKey(SalesChannel.EBAY, "iam-" + UUID.randomUUID());
        Instant at = Instant.now();
        orders.recordMappingFailure(key, "unknown currency XXX", "{\"orderId\":\"" + key.channelOrderId() + "\"}",
                "corr-iam-1", List.of(new TimelineEntry(at, "MAPPING_FAILED", "corr-iam-1", null, "currency")));
        String exceptionId = orders.find(key).orElseThrow().exceptionId(0).value();

        given().get("/v1/orders/ebay/" + key.channelOrderId()).then().statusCode(200);
        JsonNode receipt = JSON.readTree(given().header(LocalHttpApi.IAM_CALLER_HEADER, CALLER)
                .contentType("application/json").body("{\"reason\":\"currency table updated\"}")
                .post("/v1/exceptions/" + exceptionId + "/retry")
                .then().statusCode(202).extract().asByteArray());

        AuditRecord record = audit.recent(100).stream()
                .filter(r -> r.auditId().equals(receipt.path("auditId").asText())).findFirst().orElseThrow();
        assertThat(record.actor()).isEqualTo(CALLER);
        OrderRecord after = orders.find(key).orElseThrow();
        assertThat(after.exceptions().get(0).retriedBy()).isEqualTo(CALLER);
        assertThat(after.timeline().get(after.timeline().size() - 1).detail()).contains("retried by " + CALLER);
    }

    @Test
    void withoutAnIamCallerTheActorIsTheLocalOperatorAndADryRunChangesNothing() throws IOException {
        String orderId = "iam-" + UUID.randomUUID();
        ChannelOrderKey key = new ChannelOrderKey(SalesChannel.AMAZON, orderId);
        Instant version = Instant.parse("2026-11-24T10:00:00Z");
        orders.accept(key, version, key + ":order:" + version, "corr-iam-2",
                JSON.writeValueAsString(SampleOrders.order(orderId, version, 1)), List.of());
        long accepted = orders.find(key).orElseThrow().version();
        orders.recordErpOutcome(key, accepted, ProcessingState.ERP_REJECTED, null, null,
                new OrderException(Instant.now(), "ERP_REJECTED", "customer blocked", "corr-iam-2"), List.of());
        OrderRecord before = orders.find(key).orElseThrow();
        String exceptionId = before.exceptionId(0).value();

        JsonNode receipt = JSON.readTree(given().contentType("application/json")
                .body("{\"reason\":\"check before unblocking\",\"dryRun\":true}")
                .post("/v1/exceptions/" + exceptionId + "/retry").then().statusCode(202).extract().asByteArray());

        assertThat(receipt.path("dryRun").asBoolean()).isTrue();
        assertThat(receipt.path("state").asText()).isEqualTo("OPEN");
        assertThat(receipt.path("eventId").isNull()).isTrue();
        AuditRecord record = audit.recent(100).stream()
                .filter(r -> r.auditId().equals(receipt.path("auditId").asText())).findFirst().orElseThrow();
        assertThat(record.actor()).isEqualTo("local-operator");
        assertThat(record.dryRun()).isTrue();
        assertThat(record.details()).containsEntry("outcome", "DRY_RUN").containsEntry("newStatus", "PENDING_ERP");
        assertThat(orders.find(key).orElseThrow()).isEqualTo(before);
    }
}
