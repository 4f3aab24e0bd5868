package dev.commercesync.inventory.stock;

import java.time.Instant;

/**
 * The last figure applied for one SKU at one location.
 *
 * @param sequence the source's counter, null when it orders its figures by time only
 * @param asOf     when the figure was true at the source (or reached us, for sequence-only sources)
 */
public record StockFigure(String locationId, long onHand, long reserved, Long sequence, Instant asOf) {

    /** Units this location can sell: on hand less what the source holds back, never below zero. */
    public long sellable() {
        return Math.max(0, onHand - reserved);
    }

    /**
     * Whether this figure supersedes {@code current} (of the same SKU and location): by sequence when both are
     * numbered, otherwise by time. An equal figure is a repeat, not newer.
     */
    public boolean isNewerThan(StockFigure current) {
        if (current == null) {
            return true;
        }
        if (sequence != null && current.sequence() != null) {
            return sequence > current.sequence();
        }
        return asOf.isAfter(current.asOf());
    }
}
