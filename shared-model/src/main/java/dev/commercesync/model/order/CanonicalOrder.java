package dev.commercesync.model.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Canonical commerce order, version 1: the one shape every channel's order is mapped into and the only shape the
 * ERP side ever sees. Amounts are in {@link #currency()} (Shopify: the shop currency); what the buyer saw in another
 * currency is kept in {@link #presentment()}.
 *
 * @param channel           where the order was placed
 * @param channelOrderId    the channel's id for the order (Shopify order id, Amazon order id, eBay order id)
 * @param storefrontId      shop domain, Amazon marketplace id or eBay marketplace id
 * @param orderedAt         when the buyer placed the order
 * @param sourceUpdatedAt   the channel's own version of the order: a later value supersedes an earlier one
 * @param status            the order's commercial status at the channel
 * @param currency          ISO 4217 currency of every amount in this order
 * @param buyer             who bought (a reference; personal data is never logged)
 * @param shipTo            delivery address, or null for digital goods
 * @param lines             the order lines, at least one
 * @param shipping          shipping charged, its tax and its discount
 * @param orderDiscounts    discounts applied to the order as a whole (not to a line or to shipping)
 * @param taxLines          taxes by rate and jurisdiction, where the channel says
 * @param taxesIncluded     true when prices already contain tax (EU-style), false when tax is added on top
 * @param fees              marketplace fees, where the payload carries them (informational; not in the totals)
 * @param totals            the channel's totals, reconciled by {@link TotalsReconciliation}
 * @param presentment       the buyer's currency and grand total when it differs from {@code currency}, else null
 */
public record CanonicalOrder(
        SalesChannel channel,
        String channelOrderId,
        String storefrontId,
        Instant orderedAt,
        Instant sourceUpdatedAt,
        OrderStatus status,
        String currency,
        Buyer buyer,
        Address shipTo,
        List<OrderLine> lines,
        Shipping shipping,
        List<Discount> orderDiscounts,
        List<TaxLine> taxLines,
        boolean taxesIncluded,
        List<MarketplaceFee> fees,
        OrderTotals totals,
        PresentmentAmounts presentment) {

    public CanonicalOrder {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Objects.requireNonNull(sourceUpdatedAt, "sourceUpdatedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(totals, "totals");
        lines = List.copyOf(lines);
        orderDiscounts = orderDiscounts == null ? List.of() : List.copyOf(orderDiscounts);
        taxLines = taxLines == null ? List.of() : List.copyOf(taxLines);
        fees = fees == null ? List.of() : List.copyOf(fees);
    }

    public ChannelOrderKey key() {
        return new ChannelOrderKey(channel, channelOrderId);
    }
}
