package dev.commercesync.model.order;

import java.util.List;

/**
 * One order line.
 *
 * @param lineId        the channel's line id (Shopify line item id, Amazon OrderItemId, eBay lineItemId)
 * @param sku           the retailer's SKU, the item number the ERP knows
 * @param channelItemId the channel's own item id: Shopify variant id, Amazon ASIN, eBay legacy item (listing) id
 * @param title         product title as sold
 * @param quantity      units ordered
 * @param unitPrice     price of one unit as charged (gross when the order's taxes are included)
 * @param lineTax       tax on this line
 * @param discounts     discounts applied to this line
 * @param lineTotal     quantity × unit price − line discounts (tax not added, whatever the tax mode)
 */
public record OrderLine(
        String lineId,
        String sku,
        String channelItemId,
        String title,
        int quantity,
        Money unitPrice,
        Money lineTax,
        List<Discount> discounts,
        Money lineTotal) {

    public OrderLine {
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
    }

    public Money discountTotal() {
        Money sum = Money.zero(unitPrice.currency());
        for (Discount d : discounts) {
            sum = sum.plus(d.amount());
        }
        return sum;
    }
}
