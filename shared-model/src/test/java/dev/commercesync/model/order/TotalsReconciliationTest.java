package dev.commercesync.model.order;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TotalsReconciliationTest {

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static OrderLine line(String sku, int quantity, String unitPrice) {
        Money unit = eur(unitPrice);
        return new OrderLine(sku + "-line", sku, null, sku, quantity, unit, eur("0"), List.of(), unit.times(quantity));
    }

    private static CanonicalOrder order(boolean taxesIncluded, OrderTotals totals, OrderLine... lines) {
        Instant at = Instant.parse("2026-11-20T15:15:00Z");
        return new CanonicalOrder(SalesChannel.SHOPIFY, "1001", "demo.myshopify.com", at, at, OrderStatus.CONFIRMED,
                "EUR", null, null, List.of(lines), null, List.of(), List.of(), taxesIncluded, List.of(), totals, null);
    }

    @Test
    void a_tax_exclusive_order_adds_tax_on_top() {
        // 2 × 10.00 + 1 × 5.50 = 25.50; + 4.90 shipping + 2.43 tax − 3.00 discount = 29.83
        CanonicalOrder order = order(false,
                new OrderTotals(eur("25.50"), eur("4.90"), eur("2.43"), eur("3.00"), eur("29.83")),
                line("A", 2, "10.00"), line("B", 1, "5.50"));

        assertThat(TotalsReconciliation.check(order)).isEmpty();
    }

    @Test
    void a_tax_inclusive_order_does_not_add_the_tax_again() {
        CanonicalOrder order = order(true,
                new OrderTotals(eur("25.50"), eur("4.90"), eur("4.07"), eur("3.00"), eur("27.40")),
                line("A", 2, "10.00"), line("B", 1, "5.50"));

        assertThat(TotalsReconciliation.check(order)).isEmpty();
    }

    @Test
    void names_each_total_that_does_not_add_up_and_by_how_much() {
        CanonicalOrder order = order(true,
                new OrderTotals(eur("25.00"), eur("4.90"), eur("4.07"), eur("3.00"), eur("27.40")),
                line("A", 2, "10.00"), line("B", 1, "5.50"));

        List<TotalsReconciliation.Mismatch> mismatches = TotalsReconciliation.check(order);

        assertThat(mismatches).extracting(TotalsReconciliation.Mismatch::describe).containsExactly(
                "subtotal stated 25.00 EUR but the parts add up to 25.50 EUR (difference -0.50 EUR)",
                "grandTotal stated 27.40 EUR but the parts add up to 26.90 EUR (difference 0.50 EUR)");
    }

    @Test
    void a_cent_is_a_mismatch() {
        CanonicalOrder order = order(false,
                new OrderTotals(eur("20.00"), eur("0"), eur("0"), eur("0"), eur("20.01")),
                line("A", 2, "10.00"));

        assertThat(TotalsReconciliation.check(order)).singleElement()
                .satisfies(m -> assertThat(m.difference()).isEqualTo(eur("0.01")));
    }
}
