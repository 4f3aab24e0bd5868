package dev.commercesync.inventory.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.inventory.InventoryConfig;
import dev.commercesync.inventory.stock.Hold;
import dev.commercesync.inventory.stock.ListingState;
import dev.commercesync.inventory.stock.StockFigure;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.inventory.ChannelListing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link InventoryStore} on one DynamoDB table: partition key {@code sku}, sort key {@code record} —
 * {@code STOCK#<location>}, {@code HOLD#<order key>}, {@code LISTING#<listing key>}. One Query reads a SKU.
 */
@ApplicationScoped
public class DynamoDbInventoryStore implements InventoryStore {

    static final String PK = "sku";
    static final String SK = "record";
    static final String STOCK = "STOCK#";
    static final String HOLD = "HOLD#";
    static final String LISTING = "LISTING#";
    /** A released hold stays this long, so a late message of an older order version cannot bring it back. */
    private static final Duration RELEASED_HOLD_KEPT = Duration.ofDays(35);
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json = CommerceJson.newMapper();

    @Inject
    public DynamoDbInventoryStore(DynamoDbClient dynamo, InventoryConfig config) {
        this(dynamo, config.requireTable());
    }

    public DynamoDbInventoryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean applyFigure(String sku, StockFigure figure, String source, Instant receivedAt) {
        Map<String, String> names = new HashMap<>(Map.of("#onHand", "onHand", "#reserved", "reserved",
                "#asOfMs", "asOfMs", "#asOf", "asOf", "#source", "source", "#receivedAt", "receivedAt",
                "#location", "locationId"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":onHand", n(figure.onHand()),
                ":reserved", n(figure.reserved()), ":asOfMs", n(figure.asOf().toEpochMilli()),
                ":asOf", s(figure.asOf().toString()), ":source", s(source), ":receivedAt", s(receivedAt.toString()),
                ":location", s(figure.locationId())));
        String set = "SET #onHand = :onHand, #reserved = :reserved, #asOfMs = :asOfMs, #asOf = :asOf, "
                + "#source = :source, #receivedAt = :receivedAt, #location = :location";
        String condition;
        names.put("#seq", "sequence");
        if (figure.sequence() != null) {
            values.put(":seq", n(figure.sequence()));
            set += ", #seq = :seq";
            condition = "attribute_not_exists(#seq) OR #seq < :seq";
        } else {
            set += " REMOVE #seq";
            condition = "attribute_not_exists(#asOfMs) OR #asOfMs < :asOfMs";
        }
        return conditionally(UpdateItemRequest.builder().tableName(table)
                .key(key(sku, STOCK + figure.locationId()))
                .updateExpression(set).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build());
    }

    @Override
    public boolean applyHold(String sku, Hold hold) {
        return conditionally(UpdateItemRequest.builder().tableName(table)
                .key(key(sku, HOLD + hold.orderKey()))
                .updateExpression("SET #order = :order, #qty = :qty, #vMs = :vMs, #v = :v, #acceptedAt = :acceptedAt "
                        + "REMOVE #releasedAt, #expiresAt")
                .conditionExpression("attribute_not_exists(#vMs) OR #vMs < :vMs")
                .expressionAttributeNames(Map.of("#order", "orderKey", "#qty", "quantity", "#vMs", "orderVersionMs",
                        "#v", "orderVersion", "#acceptedAt", "acceptedAt", "#releasedAt", "releasedAt",
                        "#expiresAt", "expiresAt"))
                .expressionAttributeValues(Map.of(":order", s(hold.orderKey()), ":qty", n(hold.quantity()),
                        ":vMs", n(hold.orderVersion().toEpochMilli()), ":v", s(hold.orderVersion().toString()),
                        ":acceptedAt", s(hold.acceptedAt().toString())))
                .build());
    }

    @Override
    public SkuRecords load(String sku) {
        List<StockFigure> figures = new ArrayList<>();
        List<Hold> holds = new ArrayList<>();
        Map<String, ListingState> listings = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":pk", s(sku))).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String record = item.get(SK).s();
                if (record.startsWith(STOCK)) {
                    figures.add(toFigure(item));
                } else if (record.startsWith(HOLD)) {
                    holds.add(toHold(item));
                } else if (record.startsWith(LISTING)) {
                    ListingState state = toListingState(item);
                    listings.put(state.listingKey(), state);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new SkuRecords(figures, holds, listings);
    }

    @Override
    public void releaseHolds(String sku, Map<String, Instant> versions, Instant at) {
        versions.forEach((orderKey, version) -> conditionally(UpdateItemRequest.builder().tableName(table)
                .key(key(sku, HOLD + orderKey))
                .updateExpression("SET #releasedAt = :at, #expiresAt = :expires")
                .conditionExpression("#vMs = :vMs")
                .expressionAttributeNames(Map.of("#releasedAt", "releasedAt", "#expiresAt", "expiresAt",
                        "#vMs", "orderVersionMs"))
                .expressionAttributeValues(Map.of(":at", s(at.toString()),
                        ":expires", n(at.plus(RELEASED_HOLD_KEPT).getEpochSecond()),
                        ":vMs", n(version.toEpochMilli())))
                .build()));
    }

    @Override
    public boolean recordTarget(String sku, ChannelListing listing, long quantity, long revision, Instant sourceTime,
                                Instant at) {
        String listingKey = listing.listingKey(sku);
        return conditionally(UpdateItemRequest.builder().tableName(table)
                .key(key(sku, LISTING + listingKey))
                .updateExpression("SET #lk = :lk, #channel = :channel, #listing = :listing, #tq = :tq, #tr = :tr, "
                        + "#sourceTime = :sourceTime, #targetAt = :at")
                .conditionExpression("attribute_not_exists(#tr) OR #tr < :tr")
                .expressionAttributeNames(Map.of("#lk", "listingKey", "#channel", "channel", "#listing", "listing",
                        "#tq", "targetQuantity", "#tr", "targetRevision", "#sourceTime", "sourceTime",
                        "#targetAt", "targetAt"))
                .expressionAttributeValues(Map.of(":lk", s(listingKey), ":channel", s(listing.channel().id()),
                        ":listing", s(write(listing)), ":tq", n(quantity), ":tr", n(revision),
                        ":sourceTime", s(sourceTime.toString()), ":at", s(at.toString())))
                .build());
    }

    @Override
    public Map<String, ListingState> listingStates(String sku, Collection<String> listingKeys) {
        Map<String, ListingState> states = new HashMap<>();
        List<Map<String, AttributeValue>> keys = listingKeys.stream().distinct()
                .map(k -> key(sku, LISTING + k)).toList();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))).build());
            while (request != null && !request.isEmpty()) {
                Map<String, KeysAndAttributes> ask = request;
                var response = dynamo.batchGetItem(b -> b.requestItems(ask));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    ListingState state = toListingState(item);
                    states.put(state.listingKey(), state);
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
            }
        }
        return states;
    }

    @Override
    public void recordShown(String sku, String listingKey, long quantity, long revision, Instant confirmedAt,
                            List<Long> recentLagsMs) {
        conditionally(UpdateItemRequest.builder().tableName(table)
                .key(key(sku, LISTING + listingKey))
                .updateExpression("SET #sq = :sq, #sr = :sr, #shownAt = :at, #lags = :lags REMOVE #rejection, #rejectedAt")
                .conditionExpression("attribute_exists(#tr) AND (attribute_not_exists(#sr) OR #sr <= :sr)")
                .expressionAttributeNames(Map.of("#sq", "shownQuantity", "#sr", "shownRevision", "#shownAt", "shownAt",
                        "#lags", "recentLagsMs", "#rejection", "lastRejection", "#rejectedAt", "lastRejectionAt",
                        "#tr", "targetRevision"))
                .expressionAttributeValues(Map.of(":sq", n(quantity), ":sr", n(revision),
                        ":at", s(confirmedAt.toString()),
                        ":lags", AttributeValue.fromL(recentLagsMs.stream().map(DynamoDbInventoryStore::n).toList())))
                .build());
    }

    @Override
    public void recordRejection(String sku, String listingKey, String reason, Instant at) {
        dynamo.updateItem(b -> b.tableName(table).key(key(sku, LISTING + listingKey))
                .updateExpression("SET #rejection = :reason, #rejectedAt = :at ADD #rejections :one")
                .expressionAttributeNames(Map.of("#rejection", "lastRejection", "#rejectedAt", "lastRejectionAt",
                        "#rejections", "rejections"))
                .expressionAttributeValues(Map.of(":reason", s(reason), ":at", s(at.toString()), ":one", n(1))));
    }

    @Override
    public void recordDrift(String sku, String listingKey, Long shown, long expected, String problem, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":expected", n(expected), ":at", s(at.toString()),
                ":one", n(1), ":shown", shown == null ? AttributeValue.fromNul(true) : n(shown),
                ":problem", problem == null ? AttributeValue.fromNul(true) : s(problem)));
        dynamo.updateItem(b -> b.tableName(table).key(key(sku, LISTING + listingKey))
                .updateExpression("SET #driftAt = :at, #driftShown = :shown, #driftExpected = :expected, "
                        + "#driftProblem = :problem ADD #drifts :one")
                .expressionAttributeNames(Map.of("#driftAt", "lastDriftAt", "#driftShown", "lastDriftShown",
                        "#driftExpected", "lastDriftExpected", "#driftProblem", "lastDriftProblem",
                        "#drifts", "driftsFound"))
                .expressionAttributeValues(values));
    }

    @Override
    public void forEachListing(Consumer<ListingState> action) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> b.tableName(table).consistentRead(true)
                    .filterExpression("begins_with(#sk, :listing)")
                    .expressionAttributeNames(Map.of("#sk", SK))
                    .expressionAttributeValues(Map.of(":listing", s(LISTING))).exclusiveStartKey(from));
            page.items().forEach(item -> action.accept(toListingState(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private boolean conditionally(UpdateItemRequest request) {
        try {
            dynamo.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private StockFigure toFigure(Map<String, AttributeValue> item) {
        return new StockFigure(item.get("locationId").s(), longOf(item, "onHand"), longOf(item, "reserved"),
                item.containsKey("sequence") ? longOf(item, "sequence") : null,
                Instant.ofEpochMilli(longOf(item, "asOfMs")));
    }

    private static Hold toHold(Map<String, AttributeValue> item) {
        return new Hold(item.get("orderKey").s(), Instant.ofEpochMilli(longOf(item, "orderVersionMs")),
                longOf(item, "quantity"), Instant.parse(item.get("acceptedAt").s()), instantOrNull(item, "releasedAt"));
    }

    private ListingState toListingState(Map<String, AttributeValue> item) {
        String listingKey = item.get(SK).s().substring(LISTING.length());
        List<Long> lags = item.containsKey("recentLagsMs") && item.get("recentLagsMs").hasL()
                ? item.get("recentLagsMs").l().stream().map(v -> Long.parseLong(v.n())).toList() : List.of();
        return new ListingState(item.get(PK).s(), listingKey, item.containsKey("listing") ? read(item.get("listing").s()) : null,
                item.containsKey("targetQuantity") ? longOf(item, "targetQuantity") : null,
                item.containsKey("targetRevision") ? longOf(item, "targetRevision") : 0,
                instantOrNull(item, "sourceTime"),
                item.containsKey("shownQuantity") ? longOf(item, "shownQuantity") : null,
                item.containsKey("shownRevision") ? longOf(item, "shownRevision") : 0,
                instantOrNull(item, "shownAt"), lags,
                item.containsKey("lastRejection") ? item.get("lastRejection").s() : null);
    }

    private String write(ChannelListing listing) {
        try {
            return json.writeValueAsString(listing);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("listing not writable as JSON", e);
        }
    }

    private ChannelListing read(String text) {
        try {
            return json.readValue(text, ChannelListing.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored listing is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, AttributeValue> key(String sku, String record) {
        return Map.of(PK, s(sku), SK, s(record));
    }

    private static long longOf(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    private static Instant instantOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? null : Instant.parse(value.s());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
