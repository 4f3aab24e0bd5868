package dev.commercesync.pipeline.listing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.inventory.SkuListings;
import dev.commercesync.pipeline.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.commercesync.pipeline.listing.ListingTableSchema.LISTINGS;
import static dev.commercesync.pipeline.listing.ListingTableSchema.PARTITION_KEY;
import static dev.commercesync.pipeline.listing.ListingTableSchema.UPDATED_AT;
import static dev.commercesync.pipeline.listing.ListingTableSchema.VERSION;

/**
 * {@link ListingStore} on DynamoDB: one item per SKU holding its listings as one JSON string, so a replacement is one
 * conditional PutItem (the only writes ingest's role allows are GetItem and PutItem).
 */
@ApplicationScoped
public class DynamoDbListingStore implements ListingStore {

    /** BatchGetItem takes at most 100 keys per request. */
    static final int MAX_KEYS_PER_BATCH = 100;
    /** Rounds for keys DynamoDB leaves unprocessed (throttling, response size), with growing pauses. */
    static final int MAX_BATCH_GET_ROUNDS = 5;
    /** Replacements without an expected version re-read and try again when another writer came in between. */
    static final int MAX_UNCONDITIONAL_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final PipelineConfig config;
    private final ObjectMapper json;
    private final JavaType listingsType;
    private final Duration unprocessedBackoff;

    @Inject
    public DynamoDbListingStore(DynamoDbClient dynamo, PipelineConfig config) {
        this(dynamo, config, Duration.ofMillis(50));
    }

    DynamoDbListingStore(DynamoDbClient dynamo, PipelineConfig config, Duration unprocessedBackoff) {
        this.dynamo = dynamo;
        this.config = config;
        this.json = CommerceJson.newMapper();
        this.listingsType = json.getTypeFactory().constructCollectionType(List.class, ChannelListing.class);
        this.unprocessedBackoff = unprocessedBackoff;
    }

    @Override
    public Optional<SkuListings> find(String sku) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table()).key(keyOf(sku)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toListings(item));
    }

    @Override
    public Map<String, SkuListings> findAll(Collection<String> skus) {
        String table = table();
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(skus));
        Map<String, SkuListings> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += MAX_KEYS_PER_BATCH) {
            List<Map<String, AttributeValue>> keys = distinct.subList(from, Math.min(distinct.size(),
                    from + MAX_KEYS_PER_BATCH)).stream().map(DynamoDbListingStore::keyOf).toList();
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int round = 1; !request.isEmpty(); round++) {
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(asked));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get(PARTITION_KEY).s(), toListings(item)));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    if (round == MAX_BATCH_GET_ROUNDS) {
                        throw SdkClientException.create("DynamoDB left " + request.get(table).keys().size()
                                + " listing keys unprocessed after " + round + " rounds; retry later");
                    }
                    pause(round);
                }
            }
        }
        return found;
    }

    @Override
    public SkuListings replace(String sku, List<ChannelListing> listings, OptionalLong expectedVersion, Instant now) {
        if (expectedVersion.isPresent()) {
            return put(sku, listings, expectedVersion.getAsLong(), now);
        }
        // "Whatever is stored": read the version, write the next one on condition that it is still the stored one,
        // so two writers never both produce the same version number.
        for (int attempt = 1; ; attempt++) {
            long current = find(sku).map(SkuListings::version).orElse(0L);
            try {
                return put(sku, listings, current, now);
            } catch (ListingVersionConflict e) {
                if (attempt == MAX_UNCONDITIONAL_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private SkuListings put(String sku, List<ChannelListing> listings, long expected, Instant now) {
        SkuListings next = new SkuListings(sku, listings, expected + 1, now);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PARTITION_KEY, AttributeValue.fromS(sku));
        item.put(LISTINGS, AttributeValue.fromS(write(next.listings())));
        item.put(VERSION, AttributeValue.fromN(Long.toString(next.version())));
        item.put(UPDATED_AT, AttributeValue.fromS(now.toString()));

        PutItemRequest.Builder request = PutItemRequest.builder()
                .tableName(table())
                .item(item)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (expected == 0) {
            request.conditionExpression("attribute_not_exists(#sku)")
                    .expressionAttributeNames(Map.of("#sku", PARTITION_KEY));
        } else {
            request.conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expected))));
        }
        try {
            dynamo.putItem(request.build());
            return next;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> stored = e.hasItem() ? e.item() : Map.of();
            throw new ListingVersionConflict(sku, expected, version(stored));
        }
    }

    private String table() {
        return PipelineConfig.require(config.tables().listing(), "LISTING_TABLE");
    }

    private SkuListings toListings(Map<String, AttributeValue> item) {
        String sku = item.get(PARTITION_KEY).s();
        AttributeValue listings = item.get(LISTINGS);
        AttributeValue updatedAt = item.get(UPDATED_AT);
        return new SkuListings(sku, listings == null ? List.of() : read(sku, listings.s()), version(item),
                updatedAt == null ? null : Instant.parse(updatedAt.s()));
    }

    private static long version(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION);
        return version == null ? 0 : Long.parseLong(version.n());
    }

    private String write(List<ChannelListing> listings) {
        try {
            return json.writeValueAsString(listings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write listings", e);
        }
    }

    private List<ChannelListing> read(String sku, String text) {
        try {
            return json.readValue(text, listingsType);
        } catch (JsonProcessingException e) {
            // Only this store writes the attribute; unreadable means corrupted, which an operator must see.
            throw new IllegalStateException("stored listings of " + sku + " are not readable: " + e.getOriginalMessage(),
                    e);
        }
    }

    private void pause(int round) {
        try {
            Thread.sleep(unprocessedBackoff.toMillis() << (round - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while reading listings", e);
        }
    }

    private static Map<String, AttributeValue> keyOf(String sku) {
        return Map.of(PARTITION_KEY, AttributeValue.fromS(sku));
    }
}
