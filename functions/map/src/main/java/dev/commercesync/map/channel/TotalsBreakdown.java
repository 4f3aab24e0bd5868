package dev.commercesync.map.channel;

import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.Shipping;
import dev.commercesync.model.order.TaxLine;
import dev.commercesync.model.order.TotalsReconciliation.Mismatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that an order's parts carry its stated totals. {@link dev.commercesync.model.order.TotalsReconciliation}
 * proves the totals add up to the grand total; this proves the lines, shipping and tax lines add up to the totals,
 * because the ERP posts the order part by part and would otherwise book a different discount or tax than the channel
 * charged:
 * <ul>
 *   <li>discount = Σ line discounts + order discounts + shipping discount;</li>
 *   <li>tax = Σ line tax + shipping tax, and Σ tax lines where the order has any;</li>
 *   <li>shipping = the shipping price.</li>
 * </ul>
 */
public final class TotalsBreakdown {

    private TotalsBreakdown() {
    }

    public static List<Mismatch> check(CanonicalOrder order) {
        OrderTotals totals = order.totals();
        String currency = order.currency();
        Shipping shipping = order.shipping();
        Money shippingPrice = shipping == null ? Money.zero(currency) : shipping.price();
        Money shippingTax = shipping == null ? Money.zero(currency) : shipping.tax();
        Money shippingDiscount = shipping == null ? Money.zero(currency) : shipping.discount();

        Money discounts = shippingDiscount;
        Money lineTax = shippingTax;
        for (OrderLine line : order.lines()) {
            discounts = discounts.plus(line.discountTotal());
            lineTax = lineTax.plus(line.lineTax());
        }
        for (Discount discount : order.orderDiscounts()) {
            discounts = discounts.plus(discount.amount());
        }

        List<Mismatch> mismatches = new ArrayList<>(3);
        if (!discounts.sameAmountAs(totals.discount())) {
            mismatches.add(new Mismatch("discount", totals.discount(), discounts));
        }
        if (!lineTax.sameAmountAs(totals.tax())) {
            mismatches.add(new Mismatch("tax", totals.tax(), lineTax));
        }
        if (!order.taxLines().isEmpty()) {
            Money taxLines = Money.zero(currency);
            for (TaxLine taxLine : order.taxLines()) {
                taxLines = taxLines.plus(taxLine.amount());
            }
            if (!taxLines.sameAmountAs(totals.tax())) {
                mismatches.add(new Mismatch("tax (by tax line)", totals.tax(), taxLines));
            }
        }
        if (!shippingPrice.sameAmountAs(totals.shipping())) {
            mismatches.add(new Mismatch("shipping", totals.shipping(), shippingPrice));
        }
        return List.copyOf(mismatches);
    }
}
