package dev.commercesync.model.order;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that an order's stated totals add up, to the currency's minor unit:
 * <ul>
 *   <li>subtotal = Σ quantity × unit price over the lines;</li>
 *   <li>grand total = subtotal + shipping + tax (only when tax is exclusive) − discount.</li>
 * </ul>
 * An order that does not reconcile must not reach the ERP: finance would book a different amount than the buyer paid.
 */
public final class TotalsReconciliation {

    private TotalsReconciliation() {
    }

    /** A total that does not add up: what the channel stated, what the parts add up to, and the difference. */
    public record Mismatch(String total, Money stated, Money expected) {
        public Money difference() {
            return stated.minus(expected);
        }

        public String describe() {
            return total + " stated " + stated + " but the parts add up to " + expected
                    + " (difference " + difference() + ")";
        }
    }

    public static List<Mismatch> check(CanonicalOrder order) {
        OrderTotals totals = order.totals();
        List<Mismatch> mismatches = new ArrayList<>(2);

        Money linesSum = Money.zero(order.currency());
        for (OrderLine line : order.lines()) {
            linesSum = linesSum.plus(line.unitPrice().times(line.quantity()));
        }
        if (!linesSum.sameAmountAs(totals.subtotal())) {
            mismatches.add(new Mismatch("subtotal", totals.subtotal(), linesSum));
        }

        Money expectedGrand = totals.subtotal().plus(totals.shipping()).minus(totals.discount());
        if (!order.taxesIncluded()) {
            expectedGrand = expectedGrand.plus(totals.tax());
        }
        if (!expectedGrand.sameAmountAs(totals.grandTotal())) {
            mismatches.add(new Mismatch("grandTotal", totals.grandTotal(), expectedGrand));
        }
        return List.copyOf(mismatches);
    }
}
