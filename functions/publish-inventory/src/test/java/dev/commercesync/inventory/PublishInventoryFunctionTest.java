package dev.commercesync.inventory;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.commercesync.inventory.MarketplaceStubsResource.Marketplaces;
import dev.commercesync.inventory.stock.Hold;
import dev.commercesync.inventory.stock.ListingState;
import dev.commercesync.inventory.store.InventoryStore;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.inventory.ListingRule;
import dev.commercesync.model.inventory.StockEvent;
import dev.commercesync.model.inventory.StockHold;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.listing.ListingStore;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.metrics.EmfCapture;
import dev.commercesync.pipeline.orderstate.AcceptOutcome;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LoopbackLambdaRuntime;
import dev.commercesync.pipeline.testing.QueueProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * publish-inventory on real queues (ElasticMQ) and tables (DynamoDB Local), with WireMock speaking each marketplace's
 * documented inventory API: the stock step, each channel's step and the drift repair, driven the way the event source
 * mappings drive them.
 */
@QuarkusTest
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(MarketplaceStubsResource.class)
@WithTestResource(LoopbackLambdaRuntime.class)
class PublishInventoryFunctionTest {

    private static final String SHOPIFY_PATH = "/shopify/" + MarketplaceStubsResource.SHOP + "/admin/api/2026-04/graphql.json";
    private static final String EBAY_BULK = "/ebay/sell/inventory/v1/bulk_update_price_quantity";
    private static final String LOCATION = "gid://shopify/Location/77";

    @Marketplaces
    WireMockServer marketplaces;
    @Inject
    PublishInventoryHandler handler;
    @Inject
    DriftRepairHandler driftRepair;
    @Inject
    EventPublisher publisher;
    @Inject
    ListingStore listings;
    @Inject
    InventoryStore inventory;
    @Inject
    OrderStateStore orders;
    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "INVENTORY_QUEUE_URL")
    String inventoryQueueUrl;
    @ConfigProperty(name = "SHOPIFY_QUEUE_URL")
    String shopifyQueueUrl;
    @ConfigProperty(name = "AMAZON_QUEUE_URL")
    String amazonQueueUrl;
    @ConfigProperty(name = "EBAY_QUEUE_URL")
    String ebayQueueUrl;

    QueueProbe stockQueue;
    QueueProbe shopifyQueue;
    QueueProbe amazonQueue;
    QueueProbe ebayQueue;

    String sku;
    String inventoryItem;
    String offerId;
    ChannelListing shopify;
    ChannelListing amazon;
    ChannelListing ebay;

    @BeforeEach
    void freshSkuListedOnEveryChannel() {
        stockQueue = new QueueProbe(sqs, inventoryQueueUrl);
        shopifyQueue = new QueueProbe(sqs, shopifyQueueUrl);
        amazonQueue = new QueueProbe(sqs, amazonQueueUrl);
        ebayQueue = new QueueProbe(sqs, ebayQueueUrl);
        // Purged, not drained: an earlier test may have left an update hidden for a channel's Retry-After.
        List.of(inventoryQueueUrl, shopifyQueueUrl, amazonQueueUrl, ebayQueueUrl)
                .forEach(url -> sqs.purgeQueue(b -> b.queueUrl(url)));

        sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        inventoryItem = "gid://shopify/InventoryItem/" + ThreadLocalRandom.current().nextLong(1_000_000, 9_999_999);
        offerId = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        shopify = new ChannelListing(SalesChannel.SHOPIFY, MarketplaceStubsResource.SHOP, null, inventoryItem, LOCATION,
                null, null, ListingRule.ALL);
        amazon = new ChannelListing(SalesChannel.AMAZON, MarketplaceStubsResource.SELLER, null, null, null,
                List.of("ATVPDKIKX0DER"), null, new ListingRule(2, 100, null));
        ebay = new ChannelListing(SalesChannel.EBAY, MarketplaceStubsResource.EBAY_ACCOUNT, null, null, null, null,
                List.of(offerId), new ListingRule(0, 50, null));
        listings.replace(sku, List.of(shopify, amazon, ebay), OptionalLong.empty(), Instant.now());

        marketplaces.resetAll();
        marketplaces.stubFor(post(urlEqualTo("/amazon/auth/o2/token")).willReturn(okJson(
                "{\"access_token\":\"Atza|test-access\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        marketplaces.stubFor(post(urlEqualTo("/ebay/identity/v1/oauth2/token")).willReturn(okJson(
                "{\"access_token\":\"v^1.1#test-access\",\"expires_in\":7200,\"token_type\":\"User Access Token\"}")));
        stubShopifyShows(0);
        marketplaces.stubFor(shopifyMutation().willReturn(okJson("{\"data\":{\"inventorySetQuantities\":{"
                + "\"inventoryAdjustmentGroup\":{\"id\":\"gid://shopify/InventoryAdjustmentGroup/1\"},\"userErrors\":[]}}}")));
        marketplaces.stubFor(amazonPatch().willReturn(okJson("{\"sku\":\"" + sku + "\",\"status\":\"ACCEPTED\","
                + "\"submissionId\":\"sub-1\",\"issues\":[]}")));
        marketplaces.stubFor(post(urlEqualTo(EBAY_BULK)).willReturn(okJson("{\"responses\":[{\"statusCode\":200,"
                + "\"sku\":\"" + sku + "\",\"offerId\":\"" + offerId + "\",\"errors\":[],\"warnings\":[]}]}")));
    }

    @Test
    void outOfOrderAndRepeatedFiguresPublishOnlyTheNewestOncePerChannel() {
        sendFigure(20, 1);
        sendFigure(9, 3);
        sendFigure(9, 3);
        sendFigure(15, 2);

        runStockStep();
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            runChannelSteps();
            for (String channel : List.of("shopify", "amazon", "ebay")) {
                assertThat(emf.values("InventoryPublishLag", Map.of("Channel", channel))).as(channel).singleElement()
                        .satisfies(ms -> assertThat(ms).isBetween(0.0, 60_000.0));
            }
            assertThat(emf.unit("InventoryPublishLag")).isEqualTo("Milliseconds");
            assertThat(emf.dimensionSets("InventoryPublishLag")).containsExactlyInAnyOrder(Set.of("Channel"), Set.of());
        }

        assertThat(shopifyQuantitiesSent()).containsExactly(9L);
        assertThat(amazonQuantitiesSent()).as("9 less Amazon's buffer of 2").containsExactly(7L);
        assertThat(ebayQuantitiesSent()).as("half of 9, rounded down").containsExactly(4L);
        assertThat(listing(amazon).shownQuantity()).isEqualTo(7);
        assertThat(listing(amazon).recentLagsMs()).hasSize(1);

        // An older figure after the newer one changes nothing; a newer one with the same quantity calls no channel.
        sendFigure(30, 2);
        sendFigure(9, 4);
        runStockStep();
        assertThat(shopifyQueue.receive(10)).isEmpty();
        assertThat(amazonQueue.receive(10)).isEmpty();
        assertThat(ebayQueue.receive(10)).isEmpty();
    }

    @Test
    void anOrderAcceptedBeforeTheErpsFigureIsHeldAtOnceAndCountedOnlyOnce() {
        sendFigure(10, 1);
        runStockStep();
        runChannelSteps();
        assertThat(listing(shopify).shownQuantity()).isEqualTo(10);

        ChannelOrderKey order = new ChannelOrderKey(SalesChannel.SHOPIFY, "H" + ThreadLocalRandom.current().nextInt(1_000_000));
        Instant version = Instant.parse("2026-11-26T09:00:00Z");
        sendHold(order, version, 3);
        runStockStep();
        runChannelSteps();
        assertThat(listing(shopify).shownQuantity()).as("held before the ERP knows the order").isEqualTo(7);

        // The ERP's next figure was taken before it had the order: still 10 on hand, the hold still counts.
        sendFigure(10, 2);
        runStockStep();
        assertThat(shopifyQueue.receive(10)).isEmpty();
        assertThat(openHolds()).extracting(Hold::orderKey).containsExactly(order.value());

        // The order reaches the ERP; a figure taken after that reflects it: the hold ends, and 7 stays 7.
        AcceptOutcome.Accepted accepted = (AcceptOutcome.Accepted) orders.accept(order, version, "e-" + order.value(),
                "corr-1", "{}", List.of());
        assertThat(orders.recordErpOutcome(order, accepted.version(), ProcessingState.POSTED, "SO-1", version, null,
                List.of())).isTrue();
        sendFigure(7, 3, Instant.now().plusSeconds(5));
        runStockStep();
        assertThat(openHolds()).isEmpty();
        assertThat(shopifyQueue.receive(10)).as("7 on hand, nothing held: what Shopify already shows").isEmpty();
        assertThat(listing(shopify).targetQuantity()).isEqualTo(7);
    }

    @Test
    void aThrottledAndAnUnavailableChannelWaitWhileTheOtherChannelKeepsFlowing() {
        marketplaces.stubFor(amazonPatch().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("x-amzn-RateLimit-Limit", "5.0")
                .withBody("{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota\"}]}")));
        marketplaces.stubFor(post(urlEqualTo(EBAY_BULK)).willReturn(aResponse().withStatus(503)));
        sendFigure(12, 1);
        runStockStep();

        SQSBatchResponse shopifyRun = runOnce(shopifyQueue);
        SQSBatchResponse amazonRun;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            amazonRun = runOnce(amazonQueue);
            assertThat(emf.values("ChannelThrottles", Map.of("Channel", "amazon"))).containsExactly(1.0);
        }
        SQSBatchResponse ebayRun = runOnce(ebayQueue);

        assertThat(shopifyRun.getBatchItemFailures()).isEmpty();
        assertThat(listing(shopify).shownQuantity()).isEqualTo(12);
        assertThat(amazonRun.getBatchItemFailures()).hasSize(1);
        assertThat(ebayRun.getBatchItemFailures()).hasSize(1);
        assertThat(listing(amazon).shownQuantity()).isNull();
        assertThat(listing(ebay).shownQuantity()).isNull();
        // Not dropped: both wait on their own queues, hidden for the channel's Retry-After / the outage delay.
        assertThat(inFlight(amazonQueueUrl)).isEqualTo(1);
        assertThat(inFlight(ebayQueueUrl)).isEqualTo(1);
        assertThat(amazonQueue.receive(1)).as("hidden for Retry-After, not redelivered at once").isEmpty();
    }

    @Test
    void driftRepairFindsAListingShowingSomethingElseRecordsItAndRequeuesTheTarget() {
        sendFigure(9, 1);
        runStockStep();
        runChannelSteps();
        marketplaces.resetRequests();
        stubShopifyShows(9);
        marketplaces.stubFor(get(urlPathEqualTo("/amazon/listings/2021-08-01/items/" + MarketplaceStubsResource.SELLER
                + "/" + sku)).willReturn(okJson("{\"sku\":\"" + sku + "\",\"fulfillmentAvailability\":["
                + "{\"fulfillmentChannelCode\":\"DEFAULT\",\"quantity\":3}]}")));
        marketplaces.stubFor(get(urlEqualTo("/ebay/sell/inventory/v1/inventory_item/" + sku)).willReturn(okJson(
                "{\"sku\":\"" + sku + "\",\"availability\":{\"shipToLocationAvailability\":{\"quantity\":4}}}")));

        DriftReport report;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            report = driftRepair.handleRequest(Map.of(), null);
            assertThat(emf.values("InventoryDrift", Map.of("Channel", "amazon"))).singleElement()
                    .satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(1.0));
            assertThat(emf.values("InventoryDrift", Map.of("Channel", "shopify"))).as("0 is data too")
                    .containsExactly(0.0);
            assertThat(emf.dimensionSets("InventoryDrift")).containsExactlyInAnyOrder(Set.of("Channel"), Set.of());
        }

        assertThat(report.channels().get("amazon").drifted()).isGreaterThanOrEqualTo(1);
        List<Message> repairs = amazonQueue.receive(10);
        assertThat(repairs).hasSize(1);
        assertThat(repairs.get(0).body()).contains("\"reason\":\"drift-repair\"").contains(sku);
        assertThat(shopifyQueue.receive(10)).as("Shopify shows what it should").isEmpty();
        assertThat(ebayQueue.receive(10)).as("eBay shows what it should").isEmpty();

        SQSBatchResponse repaired = handler.handleRequest(amazonQueue.toEvent(repairs), null);
        amazonQueue.acknowledge(repairs, repaired);
        assertThat(repaired.getBatchItemFailures()).isEmpty();
        assertThat(amazonQuantitiesSent()).as("the target is sent again").containsExactly(7L);
    }

    private MappingBuilder shopifyMutation() {
        return post(urlEqualTo(SHOPIFY_PATH)).withRequestBody(containing("inventorySetQuantities"))
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[0].inventoryItemId", equalTo(inventoryItem)));
    }

    private void stubShopifyShows(long quantity) {
        marketplaces.stubFor(post(urlEqualTo(SHOPIFY_PATH)).withRequestBody(containing("inventoryItem("))
                .withRequestBody(matchingJsonPath("$.variables.inventoryItemId", equalTo(inventoryItem)))
                .willReturn(okJson("{\"data\":{\"inventoryItem\":{\"inventoryLevel\":{\"quantities\":["
                        + "{\"name\":\"available\",\"quantity\":" + quantity + "}]}}}}")));
    }

    private MappingBuilder amazonPatch() {
        return patch(urlPathEqualTo("/amazon/listings/2021-08-01/items/" + MarketplaceStubsResource.SELLER + "/" + sku));
    }

    private List<Long> shopifyQuantitiesSent() {
        return quantities(marketplaces.findAll(postRequestedFor(urlEqualTo(SHOPIFY_PATH))
                .withRequestBody(containing("inventorySetQuantities"))
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[0].inventoryItemId", equalTo(inventoryItem)))),
                "/variables/input/quantities/0/quantity");
    }

    private List<Long> amazonQuantitiesSent() {
        return quantities(marketplaces.findAll(patchRequestedFor(urlPathEqualTo("/amazon/listings/2021-08-01/items/"
                + MarketplaceStubsResource.SELLER + "/" + sku))), "/patches/0/value/0/quantity");
    }

    private List<Long> ebayQuantitiesSent() {
        return quantities(marketplaces.findAll(postRequestedFor(urlEqualTo(EBAY_BULK))
                .withRequestBody(containing(sku))), "/requests/0/offers/0/availableQuantity");
    }

    private static List<Long> quantities(List<LoggedRequest> requests, String pointer) {
        List<Long> quantities = new ArrayList<>();
        for (LoggedRequest request : requests) {
            try {
                quantities.add(CommerceJson.newMapper().readTree(request.getBodyAsString()).at(pointer).asLong());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return quantities;
    }

    private void sendFigure(long onHand, long sequence) {
        sendFigure(onHand, sequence, Instant.now());
    }

    private void sendFigure(long onHand, long sequence, Instant asOf) {
        StockEvent figure = new StockEvent(sku, null, onHand, 0, sequence, asOf, "erp");
        publisher.publish(inventoryQueueUrl, new EventEnvelope<>(SchemaId.STOCK_V1, UUID.randomUUID().toString(),
                "corr-" + UUID.randomUUID(), null, Instant.now(), null, null, figure.idempotencyKey() + ":" + UUID.randomUUID(),
                List.of(), figure));
    }

    private void sendHold(ChannelOrderKey order, Instant version, long quantity) {
        StockHold hold = new StockHold(order.value(), version, sku, quantity, Instant.now());
        publisher.publish(inventoryQueueUrl, new EventEnvelope<>(SchemaId.STOCK_HOLD_V1, UUID.randomUUID().toString(),
                "corr-" + UUID.randomUUID(), null, Instant.now(), "shopify", order.value(), hold.idempotencyKey(),
                List.of(), hold));
    }

    private void runStockStep() {
        while (runOnce(stockQueue) != null) {
            // until the queue is empty
        }
    }

    private void runChannelSteps() {
        for (QueueProbe queue : List.of(shopifyQueue, amazonQueue, ebayQueue)) {
            SQSBatchResponse response;
            while ((response = runOnce(queue)) != null) {
                assertThat(response.getBatchItemFailures()).isEmpty();
            }
        }
    }

    private SQSBatchResponse runOnce(QueueProbe queue) {
        List<Message> received = queue.receive(10);
        if (received.isEmpty()) {
            return null;
        }
        SQSBatchResponse response = handler.handleRequest(queue.toEvent(received), null);
        queue.acknowledge(received, response);
        return response;
    }

    private ListingState listing(ChannelListing listing) {
        return inventory.listingStates(sku, List.of(listing.listingKey(sku))).get(listing.listingKey(sku));
    }

    private List<Hold> openHolds() {
        return inventory.load(sku).holds().stream().filter(Hold::open).toList();
    }

    private int inFlight(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
