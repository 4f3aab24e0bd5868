package dev.commercesync.dedupe;

import dev.commercesync.model.inventory.StockHold;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The holds an accepted order version places: per SKU, the units of all its lines; a cancelled order holds nothing
 * (its holds drop to 0). The oversell guard between the channel's sale and the ERP's next stock figure.
 */
public final class OrderStockHolds {

    private OrderStockHolds() {
    }

    public static List<StockHold> of(CanonicalOrder order, Instant acceptedAt) {
        boolean cancelled = order.status() == OrderStatus.CANCELLED;
        Map<String, Long> units = new TreeMap<>();
        for (OrderLine line : order.lines()) {
            units.merge(line.sku(), cancelled ? 0L : (long) line.quantity(), Long::sum);
        }
        return units.entrySet().stream()
                .map(e -> new StockHold(order.key().value(), order.sourceUpdatedAt(), e.getKey(), e.getValue(), acceptedAt))
                .toList();
    }
}
