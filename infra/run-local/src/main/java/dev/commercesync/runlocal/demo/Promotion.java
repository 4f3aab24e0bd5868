package dev.commercesync.runlocal.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A discount the buyer got, in the shape all three channels can express: a share off every line, an amount off one
 * line, or free shipping. Channels write it their own way (Shopify allocations, Amazon promotions, eBay applied
 * promotions); the amounts are the same.
 *
 * @param code  the coupon or promotion id
 * @param title what the buyer was shown
 * @param value the percentage (10 for 10 %) or the amount off, by kind
 */
record Promotion(Kind kind, String code, String title, BigDecimal value) {

    enum Kind { NONE, PERCENT_OFF_ORDER, AMOUNT_OFF_FIRST_LINE, FREE_SHIPPING }

    static final Promotion NONE = new Promotion(Kind.NONE, null, null, BigDecimal.ZERO);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The discount on line {@code index} whose price before discount is {@code gross}. */
    BigDecimal lineDiscount(int index, BigDecimal gross) {
        switch (kind) {
            case PERCENT_OFF_ORDER:
                return gross.multiply(value).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            case AMOUNT_OFF_FIRST_LINE:
                return index == 0 ? value.min(gross).setScale(2, RoundingMode.UNNECESSARY) : zero();
            default:
                return zero();
        }
    }

    BigDecimal shippingDiscount(BigDecimal shippingPrice) {
        return kind == Kind.FREE_SHIPPING ? shippingPrice : zero();
    }

    boolean onLines() {
        return kind == Kind.PERCENT_OFF_ORDER || kind == Kind.AMOUNT_OFF_FIRST_LINE;
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2, RoundingMode.UNNECESSARY);
    }
}
