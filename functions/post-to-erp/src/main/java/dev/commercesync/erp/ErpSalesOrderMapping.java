package dev.commercesync.erp;

import dev.commercesync.model.order.Buyer;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.Shipping;
import dev.commercesync.model.order.TaxLine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a canonical order into the sales order the ERP books. Amounts lose their per-amount currency (the ERP
 * contract has one currency per order), so an amount in another currency is a bug upstream and is refused here
 * rather than booked as the wrong money.
 */
public final class ErpSalesOrderMapping {

    private ErpSalesOrderMapping() {
    }

    public static ErpSalesOrder from(CanonicalOrder order) {
        String currency = order.currency();
        List<ErpSalesOrder.Line> lines = new ArrayList<>(order.lines().size());
        for (int i = 0; i < order.lines().size(); i++) {
            lines.add(line(i + 1, order.lines().get(i), currency));
        }
        Buyer buyer = order.buyer();
        return new ErpSalesOrder(
                order.key().value(),
                ErpPosting.comparableVersion(order.sourceUpdatedAt()),
                order.channel().id(),
                order.channelOrderId(),
                order.storefrontId(),
                order.orderedAt(),
                order.status(),
                currency,
                order.taxesIncluded(),
                customer(order, buyer),
                order.shipTo(),
                lines,
                shipping(order.shipping(), currency),
                order.orderDiscounts().stream().map(d -> discount(d, currency)).toList(),
                order.taxLines().stream().map(t -> tax(t, currency)).toList(),
                totals(order.totals(), currency));
    }

    /**
     * The contract needs a customer reference on every order. A channel that names no buyer gets the storefront's
     * guest customer, the account marketplace orders are usually booked to anyway.
     */
    private static ErpSalesOrder.Customer customer(CanonicalOrder order, Buyer buyer) {
        if (buyer != null && buyer.reference() != null && !buyer.reference().isBlank()) {
            return new ErpSalesOrder.Customer(buyer.reference(), buyer.name(), buyer.email());
        }
        String storefront = order.storefrontId() == null ? "default" : order.storefrontId();
        return new ErpSalesOrder.Customer(order.channel().id() + ":" + storefront + ":guest",
                buyer == null ? null : buyer.name(), buyer == null ? null : buyer.email());
    }

    private static ErpSalesOrder.Line line(int number, OrderLine line, String currency) {
        BigDecimal discount = amount(line.discountTotal(), currency);
        BigDecimal lineAmount = line.lineTotal() != null
                ? amount(line.lineTotal(), currency)
                : amount(line.unitPrice().times(line.quantity()), currency).subtract(discount);
        return new ErpSalesOrder.Line(number, line.lineId(), line.sku(), line.title(), line.quantity(),
                amount(line.unitPrice(), currency), amount(line.lineTax(), currency), discount, lineAmount);
    }

    private static ErpSalesOrder.ShippingCharge shipping(Shipping shipping, String currency) {
        if (shipping == null) {
            BigDecimal zero = Money.zero(currency).amount();
            return new ErpSalesOrder.ShippingCharge(null, zero, zero, zero);
        }
        return new ErpSalesOrder.ShippingCharge(shipping.method(), amount(shipping.price(), currency),
                amount(shipping.tax(), currency), amount(shipping.discount(), currency));
    }

    private static ErpSalesOrder.Discount discount(Discount discount, String currency) {
        return new ErpSalesOrder.Discount(discount.code(), discount.description(), amount(discount.amount(), currency));
    }

    private static ErpSalesOrder.Tax tax(TaxLine tax, String currency) {
        return new ErpSalesOrder.Tax(tax.title(), tax.jurisdiction(), tax.rate(), amount(tax.amount(), currency),
                tax.appliesTo() == null ? TaxLine.TaxTarget.ITEMS.name() : tax.appliesTo().name(),
                tax.remittedByMarketplace());
    }

    private static ErpSalesOrder.Totals totals(OrderTotals totals, String currency) {
        return new ErpSalesOrder.Totals(amount(totals.subtotal(), currency), amount(totals.shipping(), currency),
                amount(totals.tax(), currency), amount(totals.discount(), currency),
                amount(totals.grandTotal(), currency));
    }

    /** A missing amount is zero (a channel that states no shipping tax charged none). */
    private static BigDecimal amount(Money money, String currency) {
        if (money == null) {
            return Money.zero(currency).amount();
        }
        if (!currency.equals(money.currency())) {
            throw new IllegalArgumentException("amount " + money + " on an order in " + currency);
        }
        return money.amount();
    }
}
