package dev.commercesync.map.channel.ebay;

import dev.commercesync.map.channel.ChannelOrderMapper;
import dev.commercesync.map.channel.OrderMappingException;
import dev.commercesync.map.channel.PayloadNode;
import dev.commercesync.map.channel.TaxLineTally;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.Address;
import dev.commercesync.model.order.Buyer;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.MarketplaceFee;
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
import java.util.Set;

/**
 * Maps a Sell Fulfillment API {@code getOrder} Order.
 * <ul>
 *   <li>{@code lineItemCost} is the line price before discounts (unit price × {@code quantity}); the unit price is
 *   that divided by the quantity. {@code appliedPromotions} are the line's discounts; any part of
 *   {@code pricingSummary.priceDiscount} no line accounts for becomes an order discount.</li>
 *   <li>Prices exclude tax on the US (incl. Motors) and Canadian marketplaces and include it elsewhere, decided by
 *   the line's {@code purchaseMarketplaceId} (else {@code listingMarketplaceId}). eBay does not split tax on
 *   delivery from tax on the item, so all tax sits on the lines and {@link Shipping#tax()} is zero.</li>
 *   <li><b>eBay Collect and Remit tax</b> ({@code ebayCollectAndRemitTaxes}) is kept in the canonical tax and grand
 *   total - it is part of what the buyer paid, exactly like Amazon's marketplace-facilitator tax - on tax lines
 *   marked {@code remittedByMarketplace}, so the ERP books it to a clearing account instead of the seller's tax
 *   liability. eBay adds it to {@code pricingSummary.total} only when the order was fetched with
 *   {@code fieldGroups=TAX_BREAKDOWN}, which shows as the same tax type and amount appearing in the line's
 *   {@code taxes} too; when it does not, the mapper adds it to the stated total so totals always reconcile to what
 *   the buyer paid.</li>
 *   <li>Buyer-paid special fees ({@code pricingSummary.fee}, e.g. recycling fees) and price adjustments have no place
 *   in canonical order v1 and are rejected rather than folded into something else.</li>
 *   <li>{@code totalMarketplaceFee} is kept as an informational fee.</li>
 * </ul>
 */
public final class EbayOrderMapper implements ChannelOrderMapper {

    /** Marketplaces where sales tax is added on top of the listed price at checkout. */
    private static final Set<String> TAX_ON_TOP = Set.of("EBAY_US", "EBAY_MOTORS_US", "EBAY_CA");

    private static final String TOTAL_MARKETPLACE_FEE = "TOTAL_MARKETPLACE_FEE";

    @Override
    public SalesChannel channel() {
        return SalesChannel.EBAY;
    }

    @Override
    public CanonicalOrder map(RawOrderReceived raw) throws OrderMappingException {
        PayloadNode order = PayloadNode.parse(raw.body(), "order");
        String orderId = ChannelOrderMapper.intakeOrderId(raw, order.requiredText("orderId"), "order: orderId");
        PayloadNode pricing = order.requiredObject("pricingSummary").at("order.pricingSummary");
        Money statedTotal = pricing.requiredObject("total").asMoney("value", "currency", null);
        String currency = statedTotal.currency();
        OrderStatus status = status(order);

        List<PayloadNode> items = order.requiredArray("lineItems");
        String listingMarketplace = null;
        Boolean taxesIncluded = null;
        TaxLineTally taxLines = new TaxLineTally();
        List<OrderLine> lines = new ArrayList<>(items.size());
        Money lineDiscounts = Money.zero(currency);
        Money tax = Money.zero(currency);
        Money collectAndRemitLeftOutOfTotal = Money.zero(currency);
        for (int i = 0; i < items.size(); i++) {
            PayloadNode item = items.get(i);
            PayloadNode line = item.at(PayloadNode.lineLocation(i + 1, item.text("sku"), item.text("lineItemId")));

            String listing = line.requiredText("listingMarketplaceId");
            String purchase = Optional.ofNullable(line.text("purchaseMarketplaceId")).orElse(listing);
            boolean included = !TAX_ON_TOP.contains(purchase);
            if (taxesIncluded == null) {
                taxesIncluded = included;
                listingMarketplace = listing;
            } else if (taxesIncluded != included) {
                throw line.fault("purchaseMarketplaceId " + purchase + (included ? " includes" : " excludes")
                        + " tax in prices, unlike line 1: an order has one tax mode");
            }

            int quantity = line.requiredQuantity("quantity");
            Money cost = line.requiredObject("lineItemCost").asMoney("value", "currency", currency);
            List<Discount> discounts = new ArrayList<>();
            Money discounted = cost;
            for (PayloadNode promotion : line.array("appliedPromotions")) {
                Money amount = magnitude(promotion.requiredObject("discountAmount")
                        .asMoney("value", "currency", currency));
                discounts.add(new Discount(promotion.text("promotionId"), promotion.text("description"), amount));
                discounted = discounted.minus(amount);
                lineDiscounts = lineDiscounts.plus(amount);
            }
            Money statedDiscounted = line.moneyObject("discountedLineItemCost", "value", "currency", currency);
            if (statedDiscounted != null && !statedDiscounted.sameAmountAs(discounted)) {
                throw line.fault("discountedLineItemCost " + statedDiscounted + " but lineItemCost " + cost
                        + " less appliedPromotions is " + discounted);
            }

            LineTax lineTax = lineTax(line, currency, taxLines);
            tax = tax.plus(lineTax.total());
            collectAndRemitLeftOutOfTotal = collectAndRemitLeftOutOfTotal.plus(lineTax.leftOutOfTotal());

            lines.add(new OrderLine(line.requiredText("lineItemId"), line.text("sku"), line.text("legacyItemId"),
                    line.text("title"), quantity, unitPrice(line, cost, quantity), lineTax.total(), discounts,
                    discounted));
        }

        rejectUnsupported(pricing, "fee", "buyer-paid special fees");
        rejectUnsupported(pricing, "adjustment", "price adjustments");
        Money subtotal = pricing.requiredObject("priceSubtotal").asMoney("value", "currency", currency);
        Money delivery = amountOrZero(pricing, "deliveryCost", currency);
        Money deliveryDiscount = magnitude(amountOrZero(pricing, "deliveryDiscount", currency));
        Money priceDiscount = magnitude(amountOrZero(pricing, "priceDiscount", currency));
        Money statedTax = pricing.moneyObject("tax", "value", "currency", currency);
        if (statedTax != null && !statedTax.sameAmountAs(tax)
                && !statedTax.sameAmountAs(tax.minus(collectAndRemitLeftOutOfTotal))) {
            throw pricing.fault("tax " + statedTax + " does not match the line items' taxes " + tax);
        }

        List<Discount> orderDiscounts = new ArrayList<>();
        Money unattributed = priceDiscount.minus(lineDiscounts);
        if (!unattributed.isZero() && !unattributed.isNegative()) {
            orderDiscounts.add(new Discount(null, "eBay price discount not attributed to a line item", unattributed));
        }

        List<MarketplaceFee> fees = new ArrayList<>();
        Money marketplaceFee = order.moneyObject("totalMarketplaceFee", "value", "currency", currency);
        if (marketplaceFee != null) {
            fees.add(new MarketplaceFee(TOTAL_MARKETPLACE_FEE, marketplaceFee));
        }

        Optional<PayloadNode> shippingStep = shippingStep(order);
        return new CanonicalOrder(
                SalesChannel.EBAY,
                orderId,
                listingMarketplace,
                order.requiredInstant("creationDate"),
                order.requiredInstant("lastModifiedDate"),
                status,
                currency,
                buyer(order, shippingStep),
                address(shippingStep),
                lines,
                new Shipping(shippingStep.isPresent() ? shippingStep.get().text("shippingServiceCode") : null,
                        delivery, Money.zero(currency), deliveryDiscount),
                orderDiscounts,
                taxLines.taxLines(),
                taxesIncluded,
                fees,
                new OrderTotals(subtotal, delivery, tax, priceDiscount.plus(deliveryDiscount),
                        statedTotal.plus(collectAndRemitLeftOutOfTotal)),
                null);
    }

    /** A line's tax, and the part of it (Collect and Remit tax) that eBay's stated totals leave out. */
    private record LineTax(Money total, Money leftOutOfTotal) {
    }

    private static LineTax lineTax(PayloadNode line, String currency, TaxLineTally taxLines)
            throws OrderMappingException {
        record Tax(String type, Money amount) {
        }
        List<Tax> taxes = new ArrayList<>();
        for (PayloadNode tax : line.array("taxes")) {
            taxes.add(new Tax(tax.text("taxType"), tax.requiredObject("amount").asMoney("value", "currency", currency)));
        }
        Money total = Money.zero(currency);
        Money leftOut = Money.zero(currency);
        for (PayloadNode remitted : line.array("ebayCollectAndRemitTaxes")) {
            String type = remitted.text("taxType");
            Money amount = remitted.requiredObject("amount").asMoney("value", "currency", currency);
            // eBay's rule: Collect and Remit tax is in the stated totals when the line's taxes list the same type
            // and amount (fieldGroups=TAX_BREAKDOWN); it is then one tax, not two.
            Optional<Tax> same = taxes.stream()
                    .filter(t -> type != null && type.equals(t.type()) && t.amount().sameAmountAs(amount))
                    .findFirst();
            if (same.isPresent()) {
                taxes.remove(same.get());
            } else {
                leftOut = leftOut.plus(amount);
            }
            total = total.plus(amount);
            taxLines.add(type, null, null, amount, TaxTarget.ITEMS, true);
        }
        for (Tax sellerTax : taxes) {
            total = total.plus(sellerTax.amount());
            taxLines.add(sellerTax.type(), null, null, sellerTax.amount(), TaxTarget.ITEMS, false);
        }
        return new LineTax(total, leftOut);
    }

    private static OrderStatus status(PayloadNode order) throws OrderMappingException {
        Optional<PayloadNode> cancelStatus = order.object("cancelStatus");
        String cancelState = cancelStatus.isPresent() ? cancelStatus.get().text("cancelState") : null;
        if (cancelState != null) {
            switch (cancelState) {
                case "CANCELED":
                    return OrderStatus.CANCELLED;
                case "NONE_REQUESTED", "IN_PROGRESS": // a requested cancellation is not one yet
                    break;
                default:
                    throw order.fault("cancelStatus.cancelState '" + cancelState + "' is not an eBay cancel state");
            }
        }
        String payment = order.requiredText("orderPaymentStatus");
        switch (payment) {
            case "PENDING", "FAILED":
                return OrderStatus.PENDING;
            // Refunds do not cancel the sale; returns reach the ERP by their own flow.
            case "PAID", "PARTIALLY_REFUNDED", "FULLY_REFUNDED":
                break;
            default:
                throw order.fault("orderPaymentStatus '" + payment + "' is not an eBay payment status");
        }
        String fulfillment = order.requiredText("orderFulfillmentStatus");
        return switch (fulfillment) {
            case "NOT_STARTED" -> OrderStatus.CONFIRMED;
            case "IN_PROGRESS" -> OrderStatus.PARTIALLY_FULFILLED;
            case "FULFILLED" -> OrderStatus.FULFILLED;
            default -> throw order.fault("orderFulfillmentStatus '" + fulfillment
                    + "' is not an eBay fulfillment status");
        };
    }

    private static Money unitPrice(PayloadNode line, Money cost, int quantity) throws OrderMappingException {
        if (quantity == 0) {
            if (!cost.isZero()) {
                throw line.fault("lineItemCost " + cost + " with quantity 0");
            }
            return cost;
        }
        try {
            BigDecimal unit = cost.amount().divide(BigDecimal.valueOf(quantity), Money.minorUnits(cost.currency()),
                    RoundingMode.UNNECESSARY);
            return Money.of(unit, cost.currency());
        } catch (ArithmeticException e) {
            throw line.fault("lineItemCost " + cost + " does not split into " + quantity
                    + " equal unit prices (lineItemCost is the line price: unit price × quantity)");
        }
    }

    private static void rejectUnsupported(PayloadNode pricing, String field, String what)
            throws OrderMappingException {
        Optional<PayloadNode> amount = pricing.object(field);
        if (amount.isPresent()) {
            Money money = amount.get().asMoney("value", "currency", null);
            if (!money.isZero()) {
                throw pricing.fault(field + " " + money + ": " + what + " have no place in canonical order v1");
            }
        }
    }

    private static Money amountOrZero(PayloadNode node, String field, String currency)
            throws OrderMappingException {
        Money money = node.moneyObject(field, "value", "currency", currency);
        return money == null ? Money.zero(currency) : money;
    }

    /** eBay writes discounts as negative amounts in the pricing summary and positive ones on promotions. */
    private static Money magnitude(Money money) {
        return Money.of(money.amount().abs(), money.currency());
    }

    private static Optional<PayloadNode> shippingStep(PayloadNode order) throws OrderMappingException {
        List<PayloadNode> instructions = order.array("fulfillmentStartInstructions");
        return instructions.isEmpty() ? Optional.empty() : instructions.get(0).object("shippingStep");
    }

    private static Buyer buyer(PayloadNode order, Optional<PayloadNode> shippingStep) throws OrderMappingException {
        Optional<PayloadNode> buyer = order.object("buyer");
        String reference = buyer.isPresent() ? buyer.get().text("username") : null;
        String name = null;
        String email = null;
        Optional<PayloadNode> registration = buyer.isPresent()
                ? buyer.get().object("buyerRegistrationAddress") : Optional.empty();
        if (registration.isPresent()) {
            name = registration.get().text("fullName");
            email = registration.get().text("email");
        }
        Optional<PayloadNode> shipTo = shippingStep.isPresent() ? shippingStep.get().object("shipTo") : Optional.empty();
        if (shipTo.isPresent()) {
            name = name != null ? name : shipTo.get().text("fullName");
            email = email != null ? email : shipTo.get().text("email");
        }
        if (reference == null && name == null && email == null) {
            return null;
        }
        return new Buyer(reference, name, email);
    }

    private static Address address(Optional<PayloadNode> shippingStep) throws OrderMappingException {
        Optional<PayloadNode> shipTo = shippingStep.isPresent() ? shippingStep.get().object("shipTo") : Optional.empty();
        if (shipTo.isEmpty()) {
            return null;
        }
        Optional<PayloadNode> contact = shipTo.get().object("contactAddress");
        Optional<PayloadNode> phone = shipTo.get().object("primaryPhone");
        PayloadNode address = contact.isPresent() ? contact.get() : null;
        return new Address(
                shipTo.get().text("fullName"),
                shipTo.get().text("companyName"),
                address == null ? null : address.text("addressLine1"),
                address == null ? null : address.text("addressLine2"),
                address == null ? null : address.text("city"),
                address == null ? null : address.text("stateOrProvince"),
                address == null ? null : address.text("postalCode"),
                address == null ? null : address.text("countryCode"),
                phone.isPresent() ? phone.get().text("phoneNumber") : null);
    }
}
