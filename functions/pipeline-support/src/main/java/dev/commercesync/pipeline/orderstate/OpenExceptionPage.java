package dev.commercesync.pipeline.orderstate;

import java.util.List;
import java.util.Optional;

/**
 * Orders with an open exception of one type, oldest open exception first.
 *
 * @param next where the next page starts; empty when there are no more
 */
public record OpenExceptionPage(List<Entry> entries, Optional<OpenExceptionCursor> next) {

    public OpenExceptionPage {
        entries = List.copyOf(entries);
    }

    /** @param position this entry's place in the index, to resume right after it */
    public record Entry(OrderRecord order, OpenExceptionCursor position) {
    }
}
