package dev.commercesync.erp;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.commercesync.erp.ErpStubResource.ErpStub;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.OrderStatus;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.metrics.EmfCapture;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function end to end on real infrastructure: postings are real messages on the template's FIFO
 * {@code ErpPostingQueue} in ElasticMQ, handed to the real handler as the SQS event Lambda would deliver; order state
 * lives in DynamoDB Local; the ERP is WireMock speaking {@code infra/erp/generic-erp-openapi.yaml}.
 */
@QuarkusTest
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(ErpStubResource.class)
@WithTestResource(LoopbackLambdaRuntime.class)
class PostToErpHandlerTest {

    private static final String ORDERS = ErpStubResource.BASE_PATH + "/sales-orders";
    /** The ERP answers a create with the document it made, numbered after the channel's order id. */
    private static final String CREATED_DOCUMENT = """
            {"documentId":"SO-{{jsonPath request.body '$.channelOrderId'}}",\
            "externalReference":"{{jsonPath request.body '$.externalReference'}}",\
            "sourceVersion":"{{jsonPath request.body '$.sourceVersion'}}"}""";
    private static final String UPDATED_DOCUMENT = """
            {"documentId":"{{request.pathSegments.[2]}}",\
            "externalReference":"{{jsonPath request.body '$.externalReference'}}",\
            "sourceVersion":"{{jsonPath request.body '$.sourceVersion'}}"}""";
    private static final Instant V1 = Instant.parse("2026-11-21T14:30:00.123Z");
    private static final Instant V2 = Instant.parse("2026-11-21T15:10:00Z");

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
    CircuitBreakerMaintenance breakers;
    @ConfigProperty(name = "POSTING_QUEUE_URL")
    String postingQueueUrl;
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
    void postsTheOrderOnceAndRecordsTheErpDocument() {
        erpHoldsNothing();
        erpCreates();
        // A channel timestamp finer than the millisecond the order state keeps.
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(),
                Instant.parse("2026-11-21T14:30:00.123456Z"), 2);
        EventEnvelope<CanonicalOrder> event = acceptAndQueue(order);

        SQSBatchResponse response;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            response = deliver(receive(1, order));
            assertThat(emf.values("OrdersPosted", Map.of("Channel", "shopify"))).containsExactly(1.0);
            // One lookup, one create.
            assertThat(emf.values("ErpLatency", Map.of("Channel", "shopify"))).hasSize(2)
                    .allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(0.0));
            assertThat(emf.values("OrderToErpLatency", Map.of("Channel", "shopify"))).singleElement()
                    .satisfies(ms -> assertThat(ms).isBetween(0.0, 60_000.0));
            assertThat(emf.unit("OrderToErpLatency")).isEqualTo("Milliseconds");
            assertThat(emf.dimensionSets("OrdersPosted")).containsExactlyInAnyOrder(Set.of("Channel"), Set.of());
        }

        assertThat(response.getBatchItemFailures()).isEmpty();
        String reference = order.key().value();
        erp.verify(1, postRequestedFor(urlPathEqualTo(ORDERS))
                .withHeader("Authorization", equalTo("Bearer " + ErpStubResource.API_KEY))
                .withHeader("Idempotency-Key", equalTo(reference + "@2026-11-21T14:30:00.123Z"))
                .withRequestBody(matchingJsonPath("$.externalReference", equalTo(reference)))
                .withRequestBody(matchingJsonPath("$.sourceVersion", equalTo("2026-11-21T14:30:00.123Z")))
                .withRequestBody(matchingJsonPath("$.lines[0].sku", equalTo("TSHIRT-BLK-M")))
                .withRequestBody(matchingJsonPath("$.lines[0].unitPrice", equalTo("24.99")))
                .withRequestBody(matchingJsonPath("$.totals.grandTotal", equalTo("64.88")))
                .withRequestBody(matchingJsonPath("$.taxesIncluded", equalTo("true"))));
        erp.verify(1, getRequestedFor(urlPathEqualTo(ORDERS)).withQueryParam("externalReference", equalTo(reference)));

        OrderRecord state = state(order);
        assertThat(state.status()).isEqualTo(ProcessingState.POSTED);
        assertThat(state.erpDocumentId()).isEqualTo("SO-" + order.channelOrderId());
        assertThat(state.postedSourceUpdatedAt()).isEqualTo(V1);
        assertThat(state.timeline()).extracting("step").endsWith("MAPPED", "POSTED");
        assertThat(state.timeline().get(state.timeline().size() - 1).detail())
                .isEqualTo("ERP document SO-" + order.channelOrderId() + " (created)");
        assertThat(state.timeline().get(state.timeline().size() - 1).correlationId())
                .isEqualTo(event.correlationId());
    }

    @Test
    void aPostingDeliveredThreeTimesAmongOtherOrdersReachesTheErpOnce() {
        erpHoldsNothing();
        erpCreates();
        CanonicalOrder a = SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 1);
        CanonicalOrder b = SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 2);
        CanonicalOrder c = SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 3);
        Stream.of(a, b, c).forEach(this::acceptAndQueue);

        List<Message> first = receive(3, a, b, c);
        SQSBatchResponse firstResponse = deliver(List.of(first.get(1), first.get(0), first.get(2)), false);
        // At-least-once: the same messages again (a Lambda timeout, a lost delete), in other orders and batches.
        List<Message> second = redeliver(first, a, b, c);
        SQSBatchResponse secondResponse = deliver(List.of(second.get(2), second.get(0), second.get(1)), false);
        List<Message> third = redeliver(second, a, b, c);
        SQSBatchResponse thirdResponse = deliver(List.of(third.get(0), third.get(2)), false);
        SQSBatchResponse fourthResponse = deliver(List.of(third.get(1)), true);

        assertThat(Stream.of(firstResponse, secondResponse, thirdResponse, fourthResponse)
                .flatMap(r -> r.getBatchItemFailures().stream())).isEmpty();
        for (CanonicalOrder order : List.of(a, b, c)) {
            assertThat(creates(order)).as("creates of %s", order.key()).isEqualTo(1);
            assertThat(state(order).status()).isEqualTo(ProcessingState.POSTED);
            assertThat(state(order).erpDocumentId()).isEqualTo("SO-" + order.channelOrderId());
        }
        // Redeliveries are settled from the order state alone: the ERP saw one lookup and one create per order.
        assertThat(erp.getAllServeEvents()).hasSize(6);
    }

    @Test
    void erpFailingForAWhileIsRetriedAndTheOrderPostedOnce() {
        erpHoldsNothing();
        // Four 503s outlast one invocation's attempts (1 + 3 retries); the fifth call, a redelivery, succeeds.
        String scenario = "erp-recovering";
        for (int i = 0; i < 4; i++) {
            erp.stubFor(post(urlPathEqualTo(ORDERS)).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? STARTED : "failed-" + i)
                    .willReturn(aResponse().withStatus(503).withBody("maintenance"))
                    .willSetStateTo("failed-" + (i + 1)));
        }
        erp.stubFor(post(urlPathEqualTo(ORDERS)).inScenario(scenario).whenScenarioStateIs("failed-4")
                .willReturn(created()));
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 2);
        acceptAndQueue(order);

        List<Message> delivered = receive(1, order);
        SQSBatchResponse firstResponse = deliver(delivered, false);

        assertThat(firstResponse.getBatchItemFailures()).extracting("itemIdentifier")
                .containsExactly(delivered.get(0).messageId());
        assertThat(creates(order)).isEqualTo(4);
        assertThat(state(order).status()).isEqualTo(ProcessingState.PENDING_ERP);

        List<Message> again = redeliver(delivered, order);
        assertThat(again.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("2");
        SQSBatchResponse secondResponse = deliver(again);

        assertThat(secondResponse.getBatchItemFailures()).isEmpty();
        assertThat(creates(order)).isEqualTo(5);
        assertThat(state(order).status()).isEqualTo(ProcessingState.POSTED);
        assertThat(state(order).erpDocumentId()).isEqualTo("SO-" + order.channelOrderId());
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundByReferenceNotCreatedAgain() throws InterruptedException {
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 2);
        String reference = order.key().value();
        String scenario = "answer-lost";
        erp.stubFor(get(urlPathEqualTo(ORDERS)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"items\":[]}")));
        // The ERP books the order but answers later than we wait (request timeout 500 ms in the test profile).
        erp.stubFor(post(urlPathEqualTo(ORDERS)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(created().withFixedDelay(1_500)).willSetStateTo("booked"));
        erp.stubFor(get(urlPathEqualTo(ORDERS)).inScenario(scenario).whenScenarioStateIs("booked")
                .willReturn(okJson("{\"items\":[{\"documentId\":\"SO-LOST-1\",\"externalReference\":\"" + reference
                        + "\",\"sourceVersion\":\"2026-11-21T14:30:00.123Z\"}]}")));
        acceptAndQueue(order);

        List<Message> delivered = receive(1, order);
        SQSBatchResponse firstResponse = deliver(delivered, false);

        assertThat(firstResponse.getBatchItemFailures()).hasSize(1);
        assertThat(creates(order)).as("an unknown outcome is never retried as a create").isEqualTo(1);
        assertThat(state(order).status()).isEqualTo(ProcessingState.PENDING_ERP);

        SQSBatchResponse secondResponse = deliver(redeliver(delivered, order));

        assertThat(secondResponse.getBatchItemFailures()).isEmpty();
        Thread.sleep(1_200); // let the late answer to the first create finish, so the count below is final
        assertThat(creates(order)).isEqualTo(1);
        erp.verify(2, getRequestedFor(urlPathEqualTo(ORDERS)));
        OrderRecord state = state(order);
        assertThat(state.status()).isEqualTo(ProcessingState.POSTED);
        assertThat(state.erpDocumentId()).isEqualTo("SO-LOST-1");
        assertThat(state.timeline().get(state.timeline().size() - 1).detail())
                .isEqualTo("ERP document SO-LOST-1 (already held by the ERP)");
    }

    @Test
    void aBusinessRejectionIsRecordedWithTheErpsMessageAndNotRetried() {
        erpHoldsNothing();
        erp.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("""
                        {"type":"https://erp.example.com/problems/unknown-item","title":"Unknown item",\
                        "status":422,"detail":"Item TSHIRT-BLK-M does not exist"}""")));
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 2);
        EventEnvelope<CanonicalOrder> event = acceptAndQueue(order);

        List<Message> delivered = receive(1, order);
        SQSBatchResponse response;
        SQSBatchResponse duplicate;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            response = deliver(delivered);
            // A duplicate of the rejected posting changes nothing either.
            duplicate = handler.handleRequest(queue.toEvent(delivered), null);
            assertThat(emf.values("BusinessExceptions", Map.of("Channel", "shopify", "ExceptionType", "ERP_REJECTED")))
                    .as("counted once, when recorded").containsExactly(1.0);
            assertThat(emf.documentsWith("OrdersPosted")).isEmpty();
        }

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(duplicate.getBatchItemFailures()).isEmpty();
        assertThat(creates(order)).isEqualTo(1);
        OrderRecord state = state(order);
        assertThat(state.status()).isEqualTo(ProcessingState.ERP_REJECTED);
        assertThat(state.erpDocumentId()).isNull();
        assertThat(state.exceptions()).singleElement().satisfies(exception -> {
            assertThat(exception.type()).isEqualTo("ERP_REJECTED");
            assertThat(exception.reason()).isEqualTo("Item TSHIRT-BLK-M does not exist");
            assertThat(exception.correlationId()).isEqualTo(event.correlationId());
        });
        assertThat(state.timeline()).extracting("step").endsWith("ERP_REJECTED");
    }

    @Test
    void aShortRetryAfterIsWaitedOutInProcess() {
        erpHoldsNothing();
        String scenario = "rate-limited";
        erp.stubFor(post(urlPathEqualTo(ORDERS)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        erp.stubFor(post(urlPathEqualTo(ORDERS)).inScenario(scenario).whenScenarioStateIs("open")
                .willReturn(created()));
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 2);
        acceptAndQueue(order);

        SQSBatchResponse response = deliver(receive(1, order));

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<Instant> creates = erp.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST"))
                .map(e -> e.getRequest().getLoggedDate().toInstant())
                .sorted()
                .toList();
        assertThat(creates).hasSize(2);
        // The retry waited what the ERP asked, not the 20 ms the backoff starts with in this profile.
        assertThat(Duration.between(creates.get(0), creates.get(1))).isBetween(Duration.ofMillis(950),
                Duration.ofMillis(3_000));
        assertThat(state(order).status()).isEqualTo(ProcessingState.POSTED);
    }

    @Test
    void aLongRetryAfterHoldsThePostingOnItsQueueForThatLong() {
        erpHoldsNothing();
        erp.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After",
                "6")));
        CanonicalOrder order = SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 2);
        acceptAndQueue(order);

        List<Message> delivered = receive(1, order);
        Instant returned = Instant.now();
        SQSBatchResponse response = deliver(delivered, false);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(creates(order)).as("longer than one invocation should wait: not retried in-process")
                .isEqualTo(1);
        // Hidden for the 6 s the ERP asked, not for the queue's 6-minute visibility timeout.
        List<Message> back = receiveWithin(Duration.ofSeconds(12), 1, order);
        assertThat(Duration.between(returned, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(back).extracting(Message::messageId).containsExactly(delivered.get(0).messageId());
        queue.acknowledge(back, SQSBatchResponse.builder().withBatchItemFailures(List.of()).build());
    }

    @Test
    void anOpenCircuitFailsPostingsWithoutCallingTheErp() {
        erp.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(503)));
        List<CanonicalOrder> down = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            down.add(acceptedAndQueued(SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 1)));
        }

        List<Message> batch = receive(4, down.toArray(CanonicalOrder[]::new));
        SQSBatchResponse response;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            response = deliver(batch, false);
            assertThat(emf.values("ErpCircuitStateChanges", Map.of("State", "OPEN"))).containsExactly(1.0);
            assertThat(emf.dimensionSets("ErpCircuitStateChanges")).containsExactlyInAnyOrder(Set.of("State"), Set.of());
            // Only the first lookup is timed: the second ended refused by the breaker it opened, the rest were
            // refused at once; refusals would drag the latency down just when the ERP is failing.
            assertThat(emf.values("ErpLatency", Map.of("Channel", "shopify"))).hasSize(1);
        }

        // The test profile's breaker opens after 6 failed calls: the first posting's 4 attempts and 2 of the second's.
        assertThat(response.getBatchItemFailures()).hasSize(4);
        assertThat(finds(down.get(0))).isEqualTo(4);
        assertThat(finds(down.get(1))).isEqualTo(2);
        assertThat(finds(down.get(2)) + finds(down.get(3))).isZero();

        CanonicalOrder later = acceptedAndQueued(SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 1));
        SQSBatchResponse laterResponse = deliver(receive(1, later), false);

        assertThat(laterResponse.getBatchItemFailures()).hasSize(1);
        assertThat(finds(later)).isZero();
        assertThat(erp.getAllServeEvents()).hasSize(6);
        assertThat(state(later).status()).isEqualTo(ProcessingState.PENDING_ERP);
    }

    @Test
    void aThrottlingErpNeverOpensTheCircuit() {
        // More 429s than the test profile's breaker needs to open (6), each waited out as Retry-After asks.
        erp.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        List<CanonicalOrder> throttled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            throttled.add(acceptedAndQueued(SampleOrders.order(SampleOrders.uniqueOrderId(), V1, 1)));
        }

        SQSBatchResponse response;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            response = deliver(receive(3, throttled.toArray(CanonicalOrder[]::new)), false);
            assertThat(emf.values("ErpCircuitStateChanges", Map.of("State", "OPEN"))).isEmpty();
        }

        assertThat(response.getBatchItemFailures()).hasSize(3);
        // Every posting got its full in-process retries: none was refused by an open breaker.
        assertThat(throttled).allSatisfy(order -> assertThat(finds(order)).isEqualTo(4));
        assertThat(throttled).allSatisfy(order ->
                assertThat(state(order).status()).isEqualTo(ProcessingState.PENDING_ERP));
    }

    @Test
    void aNewerVersionUpdatesTheErpDocumentAndAnOlderOneIsSkipped() {
        erpHoldsNothing();
        erpCreates();
        erpUpdates();
        String id = SampleOrders.uniqueOrderId();
        CanonicalOrder v1 = SampleOrders.order(id, V1, 2);
        acceptAndQueue(v1);
        deliver(receive(1, v1));

        CanonicalOrder v2 = cancelled(SampleOrders.order(id, V2, 2));
        acceptAndQueue(v2);
        SQSBatchResponse updateResponse = deliver(receive(1, v2));

        assertThat(updateResponse.getBatchItemFailures()).isEmpty();
        erp.verify(1, putRequestedFor(urlPathEqualTo(ORDERS + "/SO-" + id))
                .withRequestBody(matchingJsonPath("$.sourceVersion", equalTo("2026-11-21T15:10:00Z")))
                .withRequestBody(matchingJsonPath("$.status", equalTo("CANCELLED"))));
        OrderRecord state = state(v2);
        assertThat(state.status()).isEqualTo(ProcessingState.POSTED);
        assertThat(state.postedSourceUpdatedAt()).isEqualTo(V2);
        assertThat(state.timeline().get(state.timeline().size() - 1).detail())
                .isEqualTo("ERP document SO-" + id + " (updated)");

        // The old version arrives once more (another channel event for it): the ERP holds a newer one.
        int callsBefore = erp.getAllServeEvents().size();
        publisher.publish(postingQueueUrl, SampleOrders.event(v1, "orders/paid"));
        SQSBatchResponse staleResponse = deliver(receive(1, v1));

        assertThat(staleResponse.getBatchItemFailures()).isEmpty();
        assertThat(erp.getAllServeEvents()).hasSize(callsBefore);
        assertThat(state(v1).postedSourceUpdatedAt()).isEqualTo(V2);
    }

    @Test
    void aVersionSupersededBeforeItWasPostedIsSkippedForTheNewerOne() {
        erpHoldsNothing();
        erpCreates();
        String id = SampleOrders.uniqueOrderId();
        CanonicalOrder v1 = SampleOrders.order(id, V1, 1);
        CanonicalOrder v2 = SampleOrders.order(id, V2, 3);
        acceptAndQueue(v1);
        acceptAndQueue(v2);

        // One batch, in FIFO order: the older version first.
        SQSBatchResponse response = deliver(receive(2, v1, v2));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(creates(v1)).isEqualTo(1);
        erp.verify(1, postRequestedFor(urlPathEqualTo(ORDERS))
                .withRequestBody(matchingJsonPath("$.sourceVersion", equalTo("2026-11-21T15:10:00Z")))
                .withRequestBody(matchingJsonPath("$.lines[0].quantity", equalTo("3"))));
        assertThat(state(v2).postedSourceUpdatedAt()).isEqualTo(V2);
    }

    // ---- the ERP ----

    private void erpHoldsNothing() {
        erp.stubFor(get(urlPathEqualTo(ORDERS)).willReturn(okJson("{\"items\":[]}")));
    }

    private void erpCreates() {
        erp.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(created()));
    }

    private void erpUpdates() {
        erp.stubFor(put(urlPathMatching(ORDERS + "/[^/]+")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(UPDATED_DOCUMENT).withTransformers("response-template")));
    }

    private static ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(CREATED_DOCUMENT)
                .withTransformers("response-template");
    }

    private int creates(CanonicalOrder order) {
        return count(postRequestedFor(urlPathEqualTo(ORDERS))
                .withRequestBody(matchingJsonPath("$.externalReference", equalTo(order.key().value()))));
    }

    private int finds(CanonicalOrder order) {
        return count(getRequestedFor(urlPathEqualTo(ORDERS))
                .withQueryParam("externalReference", equalTo(order.key().value())));
    }

    private int count(RequestPatternBuilder pattern) {
        return erp.countRequestsMatching(pattern.build()).getCount();
    }

    // ---- order state and the posting queue ----

    /** What dedupe does before a posting exists: accept the version on the order state, then queue it. */
    private EventEnvelope<CanonicalOrder> acceptAndQueue(CanonicalOrder order) {
        EventEnvelope<CanonicalOrder> event = SampleOrders.event(order, "orders/updated");
        try {
            orders.accept(order.key(), order.sourceUpdatedAt(), event.idempotencyKey(), event.correlationId(),
                    codec.mapper().writeValueAsString(order), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        publisher.publish(postingQueueUrl, event);
        return event;
    }

    private CanonicalOrder acceptedAndQueued(CanonicalOrder order) {
        acceptAndQueue(order);
        return order;
    }

    private OrderRecord state(CanonicalOrder order) {
        return orders.find(order.key()).orElseThrow();
    }

    /** Receives the postings of these orders, as the event source mapping would, in queue order. */
    private List<Message> receive(int expected, CanonicalOrder... of) {
        List<Message> got = receiveWithin(Duration.ofSeconds(5), expected, of);
        assertThat(got).as("postings received").hasSize(expected);
        return got;
    }

    private List<Message> receiveWithin(Duration patience, int expected, CanonicalOrder... of) {
        Set<String> groups = Stream.of(of).map(o -> o.key().value()).collect(Collectors.toSet());
        List<Message> got = new ArrayList<>();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline) && got.size() < expected) {
            for (Message m : queue.receive(10)) {
                if (groups.contains(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))) {
                    got.add(m);
                } else {
                    // Another test's posting come back from a hold: not ours to take, so put it back.
                    sqs.changeMessageVisibility(b -> b.queueUrl(postingQueueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                }
            }
        }
        got.sort(Comparator.comparing(PostToErpHandlerTest::sequenceNumber));
        return got;
    }

    private static BigInteger sequenceNumber(Message message) {
        String sequence = message.attributes().get(MessageSystemAttributeName.SEQUENCE_NUMBER);
        return sequence == null ? BigInteger.ZERO : new BigInteger(sequence);
    }

    /** Makes in-flight postings visible again at once and receives them: the same messages, a later receive. */
    private List<Message> redeliver(List<Message> inFlight, CanonicalOrder... of) {
        inFlight.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(postingQueueUrl)
                .receiptHandle(m.receiptHandle()).visibilityTimeout(0)));
        return receive(inFlight.size(), of);
    }

    private SQSBatchResponse deliver(List<Message> messages) {
        return deliver(messages, true);
    }

    /**
     * Invokes the handler with these messages as Lambda's SQS event; with {@code acknowledge}, deletes what the
     * response did not report failed, as the event source mapping does. Without, everything stays in flight for a
     * redelivery.
     */
    private SQSBatchResponse deliver(List<Message> messages, boolean acknowledge) {
        SQSBatchResponse response = handler.handleRequest(queue.toEvent(messages), null);
        if (acknowledge) {
            queue.acknowledge(messages, response);
        }
        return response;
    }

    private static CanonicalOrder cancelled(CanonicalOrder order) {
        return new CanonicalOrder(order.channel(), order.channelOrderId(), order.storefrontId(), order.orderedAt(),
                order.sourceUpdatedAt(), OrderStatus.CANCELLED, order.currency(), order.buyer(), order.shipTo(),
                order.lines(), order.shipping(), order.orderDiscounts(), order.taxLines(), order.taxesIncluded(),
                order.fees(), order.totals(), order.presentment());
    }
}
