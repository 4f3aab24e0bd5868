package dev.commercesync.model.order;

/** The order's commercial status as the channel reports it (not the pipeline's processing state). */
public enum OrderStatus {
    /** Placed but not yet paid or not yet released by the channel (Amazon Pending, Shopify pending). */
    PENDING,
    /** Paid and ready to fulfil. */
    CONFIRMED,
    PARTIALLY_FULFILLED,
    FULFILLED,
    CANCELLED
}
