package dev.commercesync.model.order;

/** Shipping as charged: price before discount, its tax, and the discount on it. */
public record Shipping(String method, Money price, Money tax, Money discount) {
}
