package dev.commercesync.inventory.store;

import dev.commercesync.inventory.stock.OrderPosting;

import java.util.Collection;
import java.util.Map;

/** Reads whether orders are posted to the ERP, and since when, from the order state. */
public interface OrderPostings {

    /** A posting per order key asked for; an unknown order is {@link OrderPosting#NOT_POSTED}. */
    Map<String, OrderPosting> find(Collection<String> orderKeys);
}
