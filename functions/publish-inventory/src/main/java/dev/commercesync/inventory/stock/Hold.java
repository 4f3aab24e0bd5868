package dev.commercesync.inventory.stock;

import java.time.Instant;

/**
 * Units of one SKU held for an accepted order until the ERP's stock reflects it.
 *
 * @param orderVersion the order version the quantity belongs to
 * @param releasedAt   when a stock figure was found to reflect the order; null while the hold counts
 */
public record Hold(String orderKey, Instant orderVersion, long quantity, Instant acceptedAt, Instant releasedAt) {

    public boolean open() {
        return releasedAt == null && quantity > 0;
    }
}
