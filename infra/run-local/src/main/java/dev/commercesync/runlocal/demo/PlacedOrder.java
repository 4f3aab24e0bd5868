package dev.commercesync.runlocal.demo;

import dev.commercesync.model.order.ChannelOrderKey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One version of an order as the buyer placed it, before any channel writes it down: what was bought, where it
 * goes, what it cost. The channel writers ({@link ShopifyOrderWebhook}, {@link SpApiOrderBody},
 * {@link EbayFulfillmentOrder}) derive every amount from this with {@link BigDecimal}, so all three reconcile by
 * construction unless {@link #statedTotalError()} says otherwise.
 *
 * @param orderId             the channel's order id
 * @param orderNumber         the shop's running number (Shopify {@code #1042}, eBay sales record)
 * @param placedAt            when the buyer placed it
 * @param updatedAt           the channel's version of it: its last-modified instant
 * @param presentmentCurrency the currency the buyer paid in when it is not the storefront's (Shopify only), else null
 * @param presentmentRate     storefront currency → presentment currency, null with it
 * @param fulfilledLines      how many leading lines have shipped
 * @param statedTotalError    added to the grand total the channel states: zero for an order that reconciles, a few
 *                            cents for one the map step must refuse
 */
record PlacedOrder(Storefront storefront, String orderId, long orderNumber, Instant placedAt, Instant updatedAt,
                   DemoBuyer buyer, Destination destination, String presentmentCurrency, BigDecimal presentmentRate,
                   List<PlacedLine> lines, Storefront.ShippingOption shipping, Promotion promotion,
                   int fulfilledLines, BigDecimal statedTotalError, OrderTokens tokens) {

    /** One line: a product, how many, and the channel's id for the line. */
    record PlacedLine(String lineId, Product product, int quantity) {
    }

    /**
     * Opaque ids the channels add around an order (tokens, legacy ids, payment references), drawn once per order so
     * every version of it carries the same.
     */
    record OrderTokens(String checkoutToken, String cartToken, String confirmationNumber, long checkoutId,
                       long shippingLineId, String browserIp, String legacyOrderId, String paymentReference) {
    }

    PlacedOrder {
        Objects.requireNonNull(storefront, "storefront");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
    }

    ChannelOrderKey key() {
        return new ChannelOrderKey(storefront.channel(), orderId);
    }

    String currency() {
        return storefront.currency();
    }

    boolean taxesIncluded() {
        return storefront.taxesIncluded();
    }

    BigDecimal unitPrice(PlacedLine line) {
        return line.product().price(currency());
    }

    /** Quantity × unit price, before discounts. */
    BigDecimal gross(int index) {
        PlacedLine line = lines.get(index);
        return unitPrice(line).multiply(BigDecimal.valueOf(line.quantity()));
    }

    BigDecimal lineDiscount(int index) {
        return promotion.lineDiscount(index, gross(index));
    }

    BigDecimal shippingPrice() {
        return shipping.price();
    }

    BigDecimal shippingDiscount() {
        return promotion.shippingDiscount(shipping.price());
    }

    /** An amount in the presentment currency, at the order's rate. */
    BigDecimal inPresentment(BigDecimal amount) {
        return presentmentRate == null ? amount : amount.multiply(presentmentRate).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * The next version: line {@code index} now {@code quantity} units, {@code fulfilled} lines shipped, changed at
     * {@code at}. Discounts follow the new quantities as the channel would recompute them.
     */
    PlacedOrder revised(Instant at, int index, int quantity, int fulfilled) {
        List<PlacedLine> changed = new ArrayList<>(lines);
        PlacedLine line = changed.get(index);
        changed.set(index, new PlacedLine(line.lineId(), line.product(), quantity));
        return new PlacedOrder(storefront, orderId, orderNumber, placedAt, at, buyer, destination,
                presentmentCurrency, presentmentRate, changed, shipping, promotion, fulfilled, statedTotalError,
                tokens);
    }
}
