package dev.commercesync.model.order;

/**
 * The order's totals as the channel states them.
 *
 * @param subtotal   Σ quantity × unit price over all lines, before any discount
 * @param shipping   shipping price before its discount
 * @param tax        all tax (items and shipping); part of the prices when taxes are included
 * @param discount   all discounts: line, order and shipping
 * @param grandTotal what the buyer pays: subtotal + shipping + tax (only when exclusive) − discount
 */
public record OrderTotals(Money subtotal, Money shipping, Money tax, Money discount, Money grandTotal) {
}
