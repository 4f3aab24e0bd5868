package dev.commercesync.model.order;

/** A discount: a positive amount taken off. {@code code} is the coupon or promotion id where there is one. */
public record Discount(String code, String description, Money amount) {
}
