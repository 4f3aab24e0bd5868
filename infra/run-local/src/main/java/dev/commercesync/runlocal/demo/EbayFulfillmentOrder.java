package dev.commercesync.runlocal.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a {@link PlacedOrder} as a Sell Fulfillment API {@code getOrder} Order (see
 * {@code functions/map/src/test/resources/fixtures/ebay}):
 * <ul>
 *   <li>{@code lineItemCost} is the line price; promotions are {@code appliedPromotions} on the line and, negated,
 *   {@code pricingSummary.priceDiscount};</li>
 *   <li>on EBAY_US sales tax comes on top and eBay collects and remits it: it appears in the line's {@code taxes} and
 *   {@code ebayCollectAndRemitTaxes} alike (as fetched with {@code fieldGroups=TAX_BREAKDOWN}) and in
 *   {@code pricingSummary.tax}, with the tax on delivery on the first line, since eBay does not split it out;</li>
 *   <li>on EBAY_GB and EBAY_DE the seller's prices include VAT and eBay lists no tax.</li>
 * </ul>
 */
final class EbayFulfillmentOrder {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String TAX_TYPE = "STATE_SALES_TAX";
    /** eBay's final value fee, roughly: 13.25 % of the total plus a fixed fee per order. */
    private static final BigDecimal FEE_RATE = new BigDecimal("0.1325");
    private static final BigDecimal FEE_PER_ORDER = new BigDecimal("0.30");

    private final ObjectMapper json;

    EbayFulfillmentOrder(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode body(PlacedOrder order) {
        String currency = order.currency();
        boolean included = order.taxesIncluded();
        Destination destination = order.destination();
        BigDecimal delivery = order.shippingPrice();
        BigDecimal deliveryDiscount = order.shippingDiscount();

        ArrayNode lineItems = json.createArrayNode();
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal promotions = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (int i = 0; i < order.lines().size(); i++) {
            PlacedOrder.PlacedLine line = order.lines().get(i);
            BigDecimal cost = order.gross(i);
            BigDecimal promotion = order.lineDiscount(i);
            BigDecimal lineDelivery = i == 0 ? delivery.subtract(deliveryDiscount) : BigDecimal.ZERO;
            BigDecimal lineTax = included ? BigDecimal.ZERO
                    : destination.combinedTax(cost.subtract(promotion).add(lineDelivery), false, false);

            ObjectNode item = lineItems.addObject();
            item.put("lineItemId", line.lineId());
            item.put("legacyItemId", line.product().ebayListing());
            item.put("sku", line.product().sku());
            item.put("title", line.product().title());
            item.set("lineItemCost", money(currency, cost));
            if (promotion.signum() > 0) {
                item.set("discountedLineItemCost", money(currency, cost.subtract(promotion)));
            }
            item.put("quantity", line.quantity());
            item.put("soldFormat", "FIXED_PRICE");
            item.put("listingMarketplaceId", order.storefront().id());
            item.put("purchaseMarketplaceId", order.storefront().id());
            item.put("lineItemFulfillmentStatus", "NOT_STARTED");
            item.set("total", money(currency, cost.subtract(promotion).add(lineDelivery).add(lineTax)));
            item.putObject("deliveryCost").set("shippingCost", money(currency, i == 0 ? delivery : BigDecimal.ZERO));
            ArrayNode applied = item.putArray("appliedPromotions");
            if (promotion.signum() > 0) {
                applied.addObject().put("promotionId", order.promotion().code())
                        .put("description", order.promotion().title())
                        .set("discountAmount", money(currency, promotion));
            }
            ArrayNode taxes = item.putArray("taxes");
            if (!included) {
                taxes.addObject().put("taxType", TAX_TYPE).set("amount", money(currency, lineTax));
                item.putArray("ebayCollectAndRemitTaxes").addObject().put("taxType", TAX_TYPE)
                        .put("collectionMethod", "NET").set("amount", money(currency, lineTax));
            }
            item.putObject("properties").put("buyerProtection", true).put("soldViaAdCampaign", false);
            item.putObject("lineItemFulfillmentInstructions")
                    .put("minEstimatedDeliveryDate", TIMESTAMP.format(order.placedAt().plus(Duration.ofDays(3))))
                    .put("maxEstimatedDeliveryDate", TIMESTAMP.format(order.placedAt().plus(Duration.ofDays(5))))
                    .put("shipByDate", TIMESTAMP.format(order.placedAt().plus(Duration.ofDays(2))))
                    .put("guaranteedDelivery", false);
            item.putObject("itemLocation").put("location", "Warehouse " + destination.countryCode())
                    .put("countryCode", destination.countryCode()).put("postalCode", destination.postalCode());
            item.putArray("refunds");

            subtotal = subtotal.add(cost);
            promotions = promotions.add(promotion);
            tax = tax.add(lineTax);
        }
        BigDecimal total = subtotal.subtract(promotions).add(delivery).subtract(deliveryDiscount).add(tax)
                .add(order.statedTotalError());

        ObjectNode body = json.createObjectNode();
        body.put("orderId", order.orderId());
        body.put("legacyOrderId", order.tokens().legacyOrderId());
        body.put("creationDate", TIMESTAMP.format(order.placedAt()));
        body.put("lastModifiedDate", TIMESTAMP.format(order.updatedAt()));
        body.put("orderFulfillmentStatus", "NOT_STARTED");
        body.put("orderPaymentStatus", "PAID");
        body.put("sellerId", "commerce_sync_demo");
        body.set("buyer", buyer(order));
        ObjectNode pricing = body.putObject("pricingSummary");
        pricing.set("priceSubtotal", money(currency, subtotal));
        if (promotions.signum() > 0) {
            pricing.set("priceDiscount", money(currency, promotions.negate()));
        }
        pricing.set("deliveryCost", money(currency, delivery));
        if (deliveryDiscount.signum() > 0) {
            pricing.set("deliveryDiscount", money(currency, deliveryDiscount.negate()));
        }
        if (!included) {
            pricing.set("tax", money(currency, tax));
        }
        pricing.set("total", money(currency, total));
        body.putObject("cancelStatus").put("cancelState", "NONE_REQUESTED").putArray("cancelRequests");
        ObjectNode payment = body.putObject("paymentSummary");
        payment.set("totalDueSeller", money(currency, total));
        payment.putArray("refunds");
        payment.putArray("payments").addObject()
                .put("paymentMethod", "EBAY")
                .put("paymentReferenceId", order.tokens().paymentReference())
                .put("paymentDate", TIMESTAMP.format(order.placedAt().plusSeconds(4)))
                .put("paymentStatus", "PAID")
                .set("amount", money(currency, total));
        ObjectNode instruction = body.putArray("fulfillmentStartInstructions").addObject()
                .put("fulfillmentInstructionsType", "SHIP_TO")
                .put("minEstimatedDeliveryDate", TIMESTAMP.format(order.placedAt().plus(Duration.ofDays(3))))
                .put("maxEstimatedDeliveryDate", TIMESTAMP.format(order.placedAt().plus(Duration.ofDays(5))))
                .put("ebaySupportedFulfillment", false);
        ObjectNode step = instruction.putObject("shippingStep");
        ObjectNode shipTo = step.putObject("shipTo");
        shipTo.put("fullName", order.buyer().fullName());
        shipTo.set("contactAddress", contactAddress(order));
        shipTo.putObject("primaryPhone").put("phoneNumber", destination.phone(order.buyer().number()));
        shipTo.put("email", order.buyer().relayedEmail());
        step.put("shippingCarrierCode", carrier(destination));
        step.put("shippingServiceCode", order.shipping().code());
        body.putArray("fulfillmentHrefs");
        body.set("lineItems", lineItems);
        body.put("salesRecordReference", Long.toString(order.orderNumber()));
        body.set("totalFeeBasisAmount", money(currency, total));
        body.set("totalMarketplaceFee", money(currency,
                total.multiply(FEE_RATE).add(FEE_PER_ORDER).setScale(2, RoundingMode.HALF_UP)));
        if (!included) {
            body.put("ebayCollectAndRemitTax", true);
        }
        return body;
    }

    private ObjectNode buyer(PlacedOrder order) {
        Destination destination = order.destination();
        ObjectNode buyer = json.createObjectNode();
        buyer.put("username", order.buyer().marketplaceUsername());
        buyer.putObject("taxAddress").put("city", destination.city())
                .put("stateOrProvince", destination.regionCode() == null ? "" : destination.regionCode())
                .put("postalCode", destination.postalCode()).put("countryCode", destination.countryCode());
        ObjectNode registration = buyer.putObject("buyerRegistrationAddress");
        registration.put("fullName", order.buyer().fullName());
        registration.set("contactAddress", contactAddress(order));
        registration.putObject("primaryPhone").put("phoneNumber", destination.phone(order.buyer().number()));
        registration.put("email", order.buyer().relayedEmail());
        return buyer;
    }

    private ObjectNode contactAddress(PlacedOrder order) {
        Destination destination = order.destination();
        return json.createObjectNode()
                .put("addressLine1", destination.streetLine(order.buyer().houseNumber()))
                .put("city", destination.city())
                .put("stateOrProvince", destination.regionCode() == null ? "" : destination.regionCode())
                .put("postalCode", destination.postalCode())
                .put("countryCode", destination.countryCode());
    }

    private ObjectNode money(String currency, BigDecimal amount) {
        return json.createObjectNode().put("value", MoneyText.of(amount)).put("currency", currency);
    }

    private static String carrier(Destination destination) {
        switch (destination.countryCode()) {
            case "US":
                return "USPS";
            case "DE":
                return "DHL";
            default:
                return "Royal Mail";
        }
    }
}
