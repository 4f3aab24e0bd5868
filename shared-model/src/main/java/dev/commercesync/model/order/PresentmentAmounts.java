package dev.commercesync.model.order;

/**
 * What the buyer saw when they paid in another currency than the shop's (Shopify presentment currency).
 * The ERP books {@link CanonicalOrder#totals()}; this is kept for finance to reconcile payouts.
 */
public record PresentmentAmounts(String currency, Money subtotal, Money shipping, Money tax, Money discount,
                                 Money grandTotal) {
}
