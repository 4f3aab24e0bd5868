package dev.commercesync.inventory.stock;

import dev.commercesync.model.inventory.ListingRule;

import java.util.Collection;

/**
 * The stock arithmetic, in one place:
 * <pre>
 *   sellable  = Σ over the SKU's locations of max(0, onHand − reserved)
 *   held      = Σ quantities of open holds (accepted orders the ERP's figures do not reflect yet)
 *   available = sellable − held − the listing's bufferUnits
 *   offered   = floor(available × allocationPercent / 100), capped at maxQuantity, never below 0
 * </pre>
 * Each order counts once: its hold is subtracted until a figure reflecting the order arrives (see {@link HoldRelease}),
 * from then on only the ERP's on-hand figure carries it.
 */
public final class AvailableToSell {

    private AvailableToSell() {
    }

    public static long sellable(Collection<StockFigure> figures) {
        return figures.stream().mapToLong(StockFigure::sellable).sum();
    }

    public static long held(Collection<Hold> holds) {
        return holds.stream().filter(Hold::open).mapToLong(Hold::quantity).sum();
    }

    public static long offered(long sellable, long held, ListingRule rule) {
        long available = sellable - held - rule.bufferUnits();
        if (available <= 0) {
            return 0;
        }
        // Multiply before dividing, in long: percent of a large stock must not round through a double.
        long allocated = Math.multiplyExact(available, (long) rule.allocationPercent()) / 100;
        return rule.maxQuantity() == null ? allocated : Math.min(allocated, rule.maxQuantity());
    }
}
