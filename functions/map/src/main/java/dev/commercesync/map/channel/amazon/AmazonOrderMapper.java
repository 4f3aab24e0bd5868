package dev.commercesync.map.channel.amazon;

import dev.commercesync.map.channel.BuyerReference;
import dev.commercesync.map.channel.ChannelOrderMapper;
import dev.commercesync.map.channel.OrderMappingException;
import dev.commercesync.map.channel.PayloadNode;
import dev.commercesync.map.channel.TaxLineTally;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.Address;
import dev.commercesync.model.order.Buyer;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderStatus;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.order.Shipping;
import dev.commercesync.model.order.TaxLine.TaxTarget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps {@code {"order": <SP-API Orders v0 Order>, "orderItems": [<OrderItem>...]}}, the order and its items as the
 * poller fetched them with getOrder and getOrderItems.
 * <ul>
 *   <li>{@code ItemPrice} is the price of the whole line (unit price × {@code QuantityOrdered}), so the unit price is
 *   that divided by the quantity; a line that does not split into equal unit prices is rejected.</li>
 *   <li>Whether prices include tax follows the marketplace ({@link AmazonMarketplace}): tax-exclusive in the US and
 *   Canada, inclusive elsewhere.</li>
 *   <li>Promotions and shipping discounts are positive amounts taken off; Amazon's tax on them
 *   ({@code PromotionDiscountTax}, {@code ShippingDiscountTax}) is taken off the tax, so line and shipping tax are
 *   what the buyer was finally charged. {@code TaxCollection.Model = MarketplaceFacilitator} marks tax Amazon
 *   remits.</li>
 *   <li>Amazon states no subtotal: it is the sum of {@code ItemPrice}; the grand total is {@code OrderTotal}.</li>
 *   <li>Amazon drops prices from canceled orders (no {@code OrderTotal}, quantities 0), so a canceled order maps
 *   with zero amounts in the marketplace's currency. A Pending order has no prices yet and is rejected.</li>
 *   <li>Amazon gives no buyer id; the buyer reference is derived from the (Amazon-relayed) buyer e-mail.</li>
 * </ul>
 */
public final class AmazonOrderMapper implements ChannelOrderMapper {

    private static final String MARKETPLACE_FACILITATOR = "MarketplaceFacilitator";

    @Override
    public SalesChannel channel() {
        return SalesChannel.AMAZON;
    }

    @Override
    public CanonicalOrder map(RawOrderReceived raw) throws OrderMappingException {
        PayloadNode body = PayloadNode.parse(raw.body(), "body");
        PayloadNode order = body.requiredObject("order").at("order");
        List<PayloadNode> items = body.requiredArray("orderItems");

        String orderId = ChannelOrderMapper.intakeOrderId(raw, order.requiredText("AmazonOrderId"),
                "order: AmazonOrderId");
        OrderStatus status = status(order);
        String marketplaceId = order.requiredText("MarketplaceId");
        AmazonMarketplace marketplace = AmazonMarketplace.byId(marketplaceId).orElseThrow(() -> order.fault(
                "MarketplaceId '" + marketplaceId + "' is not a known Amazon marketplace, so whether its prices"
                        + " include tax is unknown"));

        String currency;
        Money grandTotal;
        Optional<PayloadNode> orderTotal = order.object("OrderTotal");
        if (orderTotal.isPresent()) {
            grandTotal = orderTotal.get().asMoney("Amount", "CurrencyCode", null);
            currency = grandTotal.currency();
        } else if (status == OrderStatus.CANCELLED) {
            currency = marketplace.currency();
            grandTotal = Money.zero(currency);
        } else if (status == OrderStatus.PENDING) {
            throw order.fault("OrderTotal missing: Amazon sends no prices while an order is "
                    + order.requiredText("OrderStatus") + "; it maps once payment is authorised");
        } else {
            throw order.fault("OrderTotal missing");
        }
        boolean pricesMayBeMissing = status == OrderStatus.CANCELLED;

        TaxLineTally taxLines = new TaxLineTally();
        List<OrderLine> lines = new ArrayList<>(items.size());
        Money subtotal = Money.zero(currency);
        Money shippingPrice = Money.zero(currency);
        Money shippingTax = Money.zero(currency);
        Money shippingDiscount = Money.zero(currency);
        Money tax = Money.zero(currency);
        Money discount = Money.zero(currency);
        for (int i = 0; i < items.size(); i++) {
            PayloadNode item = items.get(i);
            PayloadNode line = item.at(PayloadNode.lineLocation(i + 1, item.text("SellerSKU"),
                    item.text("OrderItemId")));
            int quantity = line.requiredQuantity("QuantityOrdered");
            Money itemPrice = amount(line, "ItemPrice", currency);
            if (itemPrice == null) {
                if (!pricesMayBeMissing) {
                    throw line.fault("ItemPrice missing");
                }
                itemPrice = Money.zero(currency);
            }
            Money promotion = amountOrZero(line, "PromotionDiscount", currency);
            Money itemTax = amountOrZero(line, "ItemTax", currency)
                    .minus(amountOrZero(line, "PromotionDiscountTax", currency));
            Money lineShipping = amountOrZero(line, "ShippingPrice", currency);
            Money lineShippingDiscount = amountOrZero(line, "ShippingDiscount", currency);
            Money lineShippingTax = amountOrZero(line, "ShippingTax", currency)
                    .minus(amountOrZero(line, "ShippingDiscountTax", currency));
            Optional<PayloadNode> taxCollection = line.object("TaxCollection");
            boolean remitted = taxCollection.isPresent()
                    && MARKETPLACE_FACILITATOR.equals(taxCollection.get().text("Model"));
            taxLines.add("ItemTax", null, null, itemTax, TaxTarget.ITEMS, remitted);
            taxLines.add("ShippingTax", null, null, lineShippingTax, TaxTarget.SHIPPING, remitted);

            List<Discount> discounts = promotion.isZero() ? List.of()
                    : List.of(new Discount(promotionIds(line), "Amazon promotion", promotion));
            lines.add(new OrderLine(line.requiredText("OrderItemId"), line.text("SellerSKU"), line.text("ASIN"),
                    line.text("Title"), quantity, unitPrice(line, itemPrice, quantity), itemTax, discounts,
                    itemPrice.minus(promotion)));

            subtotal = subtotal.plus(itemPrice);
            tax = tax.plus(itemTax).plus(lineShippingTax);
            discount = discount.plus(promotion).plus(lineShippingDiscount);
            shippingPrice = shippingPrice.plus(lineShipping);
            shippingTax = shippingTax.plus(lineShippingTax);
            shippingDiscount = shippingDiscount.plus(lineShippingDiscount);
        }

        return new CanonicalOrder(
                SalesChannel.AMAZON,
                orderId,
                marketplace.marketplaceId(),
                order.requiredInstant("PurchaseDate"),
                order.requiredInstant("LastUpdateDate"),
                status,
                currency,
                buyer(order),
                address(order.object("ShippingAddress")),
                lines,
                new Shipping(order.text("ShipServiceLevel"), shippingPrice, shippingTax, shippingDiscount),
                List.of(),
                taxLines.taxLines(),
                marketplace.taxesIncluded(),
                List.of(),
                new OrderTotals(subtotal, shippingPrice, tax, discount, grandTotal),
                null);
    }

    private static OrderStatus status(PayloadNode order) throws OrderMappingException {
        String status = order.requiredText("OrderStatus");
        return switch (status) {
            case "Pending", "PendingAvailability" -> OrderStatus.PENDING;
            case "Unshipped" -> OrderStatus.CONFIRMED;
            case "PartiallyShipped" -> OrderStatus.PARTIALLY_FULFILLED;
            // InvoiceUnconfirmed: every item shipped, only the seller's invoice confirmation is outstanding.
            case "Shipped", "InvoiceUnconfirmed" -> OrderStatus.FULFILLED;
            // Unfulfillable (Multi-Channel Fulfillment only): the order will never ship.
            case "Canceled", "Unfulfillable" -> OrderStatus.CANCELLED;
            default -> throw order.fault("OrderStatus '" + status + "' is not an SP-API order status");
        };
    }

    private static Money amount(PayloadNode line, String field, String currency) throws OrderMappingException {
        return line.moneyObject(field, "Amount", "CurrencyCode", currency);
    }

    /**
     * An amount Amazon leaves out when there is none (tax, shipping, promotions). Discounts are taken by magnitude:
     * they are amounts taken off whatever sign a report gives them, and reconciliation catches a wrong reading.
     */
    private static Money amountOrZero(PayloadNode line, String field, String currency)
            throws OrderMappingException {
        Money amount = amount(line, field, currency);
        if (amount == null) {
            return Money.zero(currency);
        }
        return field.contains("Discount") ? Money.of(amount.amount().abs(), currency) : amount;
    }

    private static Money unitPrice(PayloadNode line, Money itemPrice, int quantity) throws OrderMappingException {
        if (quantity == 0) {
            if (!itemPrice.isZero()) {
                throw line.fault("ItemPrice " + itemPrice + " with QuantityOrdered 0");
            }
            return itemPrice;
        }
        try {
            BigDecimal unit = itemPrice.amount().divide(BigDecimal.valueOf(quantity),
                    Money.minorUnits(itemPrice.currency()), RoundingMode.UNNECESSARY);
            return Money.of(unit, itemPrice.currency());
        } catch (ArithmeticException e) {
            throw line.fault("ItemPrice " + itemPrice + " does not split into " + quantity
                    + " equal unit prices (ItemPrice is the line price: unit price × QuantityOrdered)");
        }
    }

    private static String promotionIds(PayloadNode line) throws OrderMappingException {
        List<String> ids = line.texts("PromotionIds");
        return ids.isEmpty() ? null : String.join(", ", ids);
    }

    private static Buyer buyer(PayloadNode order) throws OrderMappingException {
        Optional<PayloadNode> info = order.object("BuyerInfo");
        if (info.isEmpty()) {
            return null;
        }
        String email = info.get().text("BuyerEmail");
        String name = info.get().text("BuyerName");
        if (email == null && name == null) {
            return null;
        }
        return new Buyer(BuyerReference.fromEmail(email), name, email);
    }

    private static Address address(Optional<PayloadNode> shippingAddress) throws OrderMappingException {
        if (shippingAddress.isEmpty()) {
            return null;
        }
        PayloadNode address = shippingAddress.get();
        String line2 = address.text("AddressLine2");
        String line3 = address.text("AddressLine3");
        if (line3 != null) {
            line2 = line2 == null ? line3 : line2 + ", " + line3;
        }
        return new Address(address.text("Name"), address.text("CompanyName"), address.text("AddressLine1"), line2,
                address.text("City"), address.text("StateOrRegion"), address.text("PostalCode"),
                address.text("CountryCode"), address.text("Phone"));
    }
}
