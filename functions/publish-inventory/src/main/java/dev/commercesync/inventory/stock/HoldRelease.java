package dev.commercesync.inventory.stock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a hold ends. The ERP's figure as of time T includes every order the ERP confirmed before T. So a hold ends
 * once the order's latest accepted version is posted to the ERP and every location's latest figure is as of a time
 * at least {@code margin} after that confirmation (the margin absorbs clock differences between the ERP and us).
 * Until then the order is subtracted as a hold, and after that only through the ERP's figure: never both, never
 * neither. An order the ERP refused keeps its hold (the units are sold on the channel) until an operator resolves it.
 */
public final class HoldRelease {

    private HoldRelease() {
    }

    /** The oldest of the SKU's latest figures: the time up to which all of them are known to be current. */
    public static Optional<Instant> figuresAsOf(Collection<StockFigure> figures) {
        return figures.stream().map(StockFigure::asOf).min(Instant::compareTo);
    }

    /** The order keys of {@code holds} that the figures now reflect. */
    public static List<String> reflected(Collection<Hold> holds, Map<String, OrderPosting> postings,
                                         Collection<StockFigure> figures, Duration margin) {
        Optional<Instant> asOf = figuresAsOf(figures);
        List<String> reflected = new ArrayList<>();
        if (asOf.isEmpty()) {
            return reflected;
        }
        for (Hold hold : holds) {
            if (!hold.open()) {
                continue;
            }
            OrderPosting posting = postings.getOrDefault(hold.orderKey(), OrderPosting.NOT_POSTED);
            if (posting.posted() && posting.postedAt() != null
                    && !posting.postedAt().plus(margin).isAfter(asOf.get())) {
                reflected.add(hold.orderKey());
            }
        }
        return reflected;
    }

    /** Holds worth asking the order state about: open, and accepted before the figures' time (a later one cannot be reflected). */
    public static List<String> candidates(Collection<Hold> holds, Collection<StockFigure> figures) {
        Optional<Instant> asOf = figuresAsOf(figures);
        List<String> keys = new ArrayList<>();
        if (asOf.isEmpty()) {
            return keys;
        }
        for (Hold hold : holds) {
            if (hold.open() && hold.acceptedAt().isBefore(asOf.get())) {
                keys.add(hold.orderKey());
            }
        }
        return keys;
    }
}
