package dev.commercesync.runlocal.status;

import dev.commercesync.model.state.ProcessingState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the order-state table says in figures: orders by state, the order → ERP latency histogram and the newest
 * business exceptions.
 *
 * @param states     every {@link ProcessingState} (0 included), then any other status found, {@link #NO_STATUS} for
 *                   items without one
 * @param exceptions newest first
 */
public record OrderFigures(long orders, Map<String, Long> states, LatencyHistogram latency,
                           List<RecentException> exceptions) {

    public static final String NO_STATUS = "NONE";
    public static final int RECENT_EXCEPTIONS = 20;

    /** @param at ISO-8601 UTC */
    public record RecentException(String orderKey, String type, String reason, String at) {
    }

    public static OrderFigures of(List<OrderRow> orders) {
        Map<String, Long> states = new LinkedHashMap<>();
        for (ProcessingState state : ProcessingState.values()) {
            states.put(state.name(), 0L);
        }
        List<Map.Entry<OrderRow, OrderRow.Problem>> problems = new ArrayList<>();
        for (OrderRow order : orders) {
            states.merge(order.status() == null ? NO_STATUS : order.status(), 1L, Long::sum);
            order.exceptions().forEach(problem -> problems.add(Map.entry(order, problem)));
        }
        List<RecentException> recent = problems.stream()
                .sorted(Comparator.comparing((Map.Entry<OrderRow, OrderRow.Problem> e) ->
                                e.getValue().at() == null ? Instant.MIN : e.getValue().at()).reversed()
                        .thenComparing(e -> e.getKey().orderKey()))
                .limit(RECENT_EXCEPTIONS)
                .map(e -> new RecentException(e.getKey().orderKey(), e.getValue().type(), e.getValue().reason(),
                        e.getValue().at() == null ? null : e.getValue().at().toString()))
                .toList();
        return new OrderFigures(orders.size(), states, LatencyHistogram.of(orders), recent);
    }
}
