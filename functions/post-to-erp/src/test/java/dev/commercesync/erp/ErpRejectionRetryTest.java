package dev.commercesync.erp;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.commercesync.erp.ErpStubResource.ErpStub;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.operations.DynamoDbOperatorAudit;
import dev.commercesync.pipeline.operations.ExceptionRetry;
import dev.commercesync.pipeline.operations.RetryOutcome;
import dev.commercesync.pipeline.operations.RetryTargets;
import dev.commercesync.pipeline.orderstate.ExceptionState;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LoopbackLambdaRuntime;
import dev.commercesync.pipeline.testing.QueueProbe;
import dev.commercesync.pipeline.testing.SampleOrders;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's retry of an ERP rejection, end to end on this side: the real retry of the operations core
 * (pipeline-support) puts the order back to PENDING_ERP and re-queues the accepted order on the real FIFO posting
 * queue; this function takes it from there as Lambda would, posts it once, and the posting settles the exception.
 */
@QuarkusTest
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(ErpStubResource.class)
@WithTestResource(LoopbackLambdaRuntime.class)
class ErpRejectionRetryTest {

    private static final String ORDERS = ErpStubResource.BASE_PATH + "/sales-orders";

    @Inject
    PostToErpHandler handler;
    @Inject
    OrderStateStore orders;
    @Inject
    EventPublisher publisher;
    @Inject
    EventCodec codec;
    @Inject
    SqsClient sqs;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    CircuitBreakerMaintenance breakers;
    @ConfigProperty(name = "POSTING_QUEUE_URL")
    String postingQueueUrl;
    @ConfigProperty(name = "INTAKE_QUEUE_URL")
    String intakeQueueUrl;
    @ConfigProperty(name = "OPERATOR_AUDIT_TABLE")
    String auditTable;
    @ErpStub
    WireMockServer erp;

    private QueueProbe queue;

    @BeforeEach
    void freshErpAndBreakers() {
        erp.resetAll();
        breakers.resetAll();
        queue = new QueueProbe(sqs, postingQueueUrl);
    }

    @Test
    void aRetriedRejectionIsPostedOnceAndSettled() throws JsonProcessingException {
        erp.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson("{\"items\":[]}")));
        // The first create is refused (the item is missing); after the fix, the ERP creates the document.
        erp.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("item-fixed").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":422,\"title\":\"Unknown item\","
                                + "\"detail\":\"Item TSHIRT-BLK-M does not exist\"}"))
                .willSetStateTo("fixed"));
        erp.stubFor(post(urlPathEqualTo(ORDERS)).inScenario("item-fixed").whenScenarioStateIs("fixed")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"documentId\":\"SO-{{jsonPath request.body '$.channelOrderId'}}\","
                                + "\"externalReference\":\"{{jsonPath request.body '$.externalReference'}}\","
                                + "\"sourceVersion\":\"{{jsonPath request.body '$.sourceVersion'}}\"}")
                        .withTransformers("response-template")));
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(), Instant.parse("2026-11-25T09:00:00Z"),
                2);
        EventEnvelope<CanonicalOrder> event = SampleOrders.event(order, "orders/create");
        orders.accept(order.key(), order.sourceUpdatedAt(), event.idempotencyKey(), event.correlationId(),
                codec.mapper().writeValueAsString(order), List.of());
        publisher.publish(postingQueueUrl, event);
        deliver(receiveOne(order));
        OrderRecord rejected = orders.find(order.key()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(ProcessingState.ERP_REJECTED);

        ExceptionRetry retry = new ExceptionRetry(orders, publisher, new DynamoDbOperatorAudit(dynamo, auditTable),
                new RetryTargets(intakeQueueUrl, postingQueueUrl), Clock.systemUTC());
        RetryOutcome outcome = retry.retry(rejected.exceptionId(0).value(), "arn:aws:iam::123456789012:user/ops",
                "item TSHIRT-BLK-M created in the ERP", false);
        assertThat(outcome).isInstanceOf(RetryOutcome.Retried.class);
        List<Message> retried = receiveOne(order);
        deliver(retried);
        // Delivered again (at least once): the order state says it is posted, so the ERP sees nothing more.
        handler.handleRequest(queue.toEvent(retried), null);

        OrderRecord posted = orders.find(order.key()).orElseThrow();
        assertThat(posted.status()).isEqualTo(ProcessingState.POSTED);
        assertThat(posted.erpDocumentId()).isEqualTo("SO-" + order.channelOrderId());
        assertThat(posted.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(ExceptionState.RESOLVED);
            assertThat(e.retriedBy()).isEqualTo("arn:aws:iam::123456789012:user/ops");
            assertThat(e.resolution())
                    .isEqualTo("settled by the posting (ERP document SO-" + order.channelOrderId() + ")");
        });
        assertThat(posted.oldestOpenException()).isEmpty();
        assertThat(posted.timeline()).extracting("step").endsWith("ERP_REJECTED", "RETRIED", "POSTED");
        // One refused create, one create: one document.
        assertThat(erp.countRequestsMatching(postRequestedFor(urlPathEqualTo(ORDERS))
                .withRequestBody(matchingJsonPath("$.externalReference", equalTo(order.key().value()))).build())
                .getCount()).isEqualTo(2);
    }

    private List<Message> receiveOne(CanonicalOrder order) {
        List<Message> got = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline) && got.isEmpty()) {
            for (Message m : queue.receive(10)) {
                if (order.key().value().equals(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))) {
                    got.add(m);
                } else {
                    sqs.changeMessageVisibility(b -> b.queueUrl(postingQueueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                }
            }
        }
        assertThat(got).as("postings of %s", order.key()).hasSize(1);
        return got;
    }

    private void deliver(List<Message> messages) {
        SQSBatchResponse response = handler.handleRequest(queue.toEvent(messages), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        queue.acknowledge(messages, response);
    }
}
