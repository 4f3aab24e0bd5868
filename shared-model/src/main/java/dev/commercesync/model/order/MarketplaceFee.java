package dev.commercesync.model.order;

/** A fee the marketplace keeps (eBay total marketplace fee, Amazon referral fee where present). */
public record MarketplaceFee(String type, Money amount) {
}
