package dev.commercesync.model.inventory;

import dev.commercesync.model.event.GroupedPayload;

import java.time.Instant;

/**
 * A SKU's listings were replaced: payload of {@value dev.commercesync.model.event.SchemaId#LISTINGS_CHANGED_V1}, sent
 * by ingest after {@code PUT /v1/listings/{sku}} so that a new listing gets its quantity without waiting for the next
 * stock figure, and a changed rule applies at once.
 */
public record ListingsChanged(String sku, long version, Instant changedAt) implements GroupedPayload {

    public String idempotencyKey() {
        return "listings:" + sku + ":" + version;
    }

    @Override
    public String messageGroup() {
        return StockKeys.group(sku);
    }
}
