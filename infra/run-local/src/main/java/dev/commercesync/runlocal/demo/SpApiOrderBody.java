package dev.commercesync.runlocal.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a {@link PlacedOrder} as ingest's Amazon body: {@code {"order": <SP-API Orders v0 Order>, "orderItems":
 * [<OrderItem>...]}}, what the poller fetched with getOrder and getOrderItems (see
 * {@code functions/map/src/test/resources/fixtures/amazon}):
 * <ul>
 *   <li>{@code ItemPrice} is the line price (unit × quantity); {@code ItemTax} the tax on it before promotions,
 *   {@code PromotionDiscountTax} the tax on the promotion, as Amazon reports them;</li>
 *   <li>shipping, its tax and any free-shipping promotion sit on the first item;</li>
 *   <li>US tax is marketplace-facilitator tax ({@code TaxCollection.Model}), added on top; EU and UK prices
 *   include VAT;</li>
 *   <li>{@code OrderTotal} is what the buyer paid.</li>
 * </ul>
 */
final class SpApiOrderBody {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    SpApiOrderBody(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode body(PlacedOrder order) {
        String currency = order.currency();
        boolean included = order.taxesIncluded();
        Destination destination = order.destination();
        boolean us = !included;
        boolean shipped = order.fulfilledLines() == order.lines().size();

        ArrayNode items = json.createArrayNode();
        BigDecimal total = BigDecimal.ZERO;
        int units = 0;
        for (int i = 0; i < order.lines().size(); i++) {
            PlacedOrder.PlacedLine line = order.lines().get(i);
            boolean reduced = line.product().reducedVat();
            BigDecimal itemPrice = order.gross(i);
            BigDecimal promotion = order.lineDiscount(i);
            BigDecimal itemTax = destination.combinedTax(itemPrice, reduced, included);
            BigDecimal promotionTax = destination.combinedTax(promotion, reduced, included);
            BigDecimal shipping = i == 0 ? order.shippingPrice() : BigDecimal.ZERO;
            BigDecimal shippingDiscount = i == 0 ? order.shippingDiscount() : BigDecimal.ZERO;
            BigDecimal shippingTax = destination.combinedTax(shipping, false, included);
            BigDecimal shippingDiscountTax = destination.combinedTax(shippingDiscount, false, included);

            ObjectNode item = items.addObject();
            item.put("ASIN", line.product().asin());
            item.put("SellerSKU", line.product().sku());
            item.put("OrderItemId", line.lineId());
            item.put("Title", line.product().title());
            item.put("QuantityOrdered", line.quantity());
            item.put("QuantityShipped", shipped ? line.quantity() : 0);
            item.putObject("ProductInfo").put("NumberOfItems", "1");
            item.set("ItemPrice", money(currency, itemPrice));
            item.set("ShippingPrice", money(currency, shipping));
            item.set("ItemTax", money(currency, itemTax));
            item.set("ShippingTax", money(currency, shippingTax));
            item.set("ShippingDiscount", money(currency, shippingDiscount));
            item.set("ShippingDiscountTax", money(currency, shippingDiscountTax));
            item.set("PromotionDiscount", money(currency, promotion));
            item.set("PromotionDiscountTax", money(currency, promotionTax));
            ArrayNode promotionIds = json.createArrayNode();
            if (promotion.signum() > 0) {
                promotionIds.add(order.promotion().code());
            }
            if (shippingDiscount.signum() > 0) {
                promotionIds.add(order.promotion().code());
            }
            if (!promotionIds.isEmpty()) {
                item.set("PromotionIds", promotionIds);
            }
            item.put("IsGift", "false");
            item.put("ConditionId", "New");
            item.put("ConditionSubtypeId", "New");
            item.put("IsTransparency", false);
            item.put("SerialNumberRequired", false);
            if (us) {
                item.putObject("TaxCollection").put("Model", "MarketplaceFacilitator")
                        .put("ResponsibleParty", "Amazon Services, Inc.");
            }

            BigDecimal paid = itemPrice.subtract(promotion).add(shipping).subtract(shippingDiscount);
            if (!included) {
                paid = paid.add(itemTax).subtract(promotionTax).add(shippingTax).subtract(shippingDiscountTax);
            }
            total = total.add(paid);
            units += line.quantity();
        }
        total = total.add(order.statedTotalError());

        ObjectNode body = json.createObjectNode();
        ObjectNode amazonOrder = body.putObject("order");
        amazonOrder.put("AmazonOrderId", order.orderId());
        amazonOrder.put("SellerOrderId", order.orderId());
        amazonOrder.put("PurchaseDate", TIMESTAMP.format(order.placedAt()));
        amazonOrder.put("LastUpdateDate", TIMESTAMP.format(order.updatedAt()));
        amazonOrder.put("OrderStatus", shipped ? "Shipped" : "Unshipped");
        amazonOrder.put("FulfillmentChannel", "MFN");
        amazonOrder.put("SalesChannel", salesChannel(order.storefront()));
        amazonOrder.put("ShipServiceLevel", order.shipping().title());
        amazonOrder.set("OrderTotal", money(currency, total));
        amazonOrder.put("NumberOfItemsShipped", shipped ? units : 0);
        amazonOrder.put("NumberOfItemsUnshipped", shipped ? 0 : units);
        amazonOrder.put("PaymentMethod", "Other");
        amazonOrder.putArray("PaymentMethodDetails").add("Standard");
        amazonOrder.put("MarketplaceId", order.storefront().id());
        amazonOrder.put("ShipmentServiceLevelCategory", order.shipping().code());
        amazonOrder.put("OrderType", "StandardOrder");
        Instant shipBy = order.placedAt().plus(Duration.ofDays(2));
        amazonOrder.put("EarliestShipDate", TIMESTAMP.format(order.placedAt().plus(Duration.ofHours(20))));
        amazonOrder.put("LatestShipDate", TIMESTAMP.format(shipBy));
        amazonOrder.put("EarliestDeliveryDate", TIMESTAMP.format(shipBy.plus(Duration.ofDays(1))));
        amazonOrder.put("LatestDeliveryDate", TIMESTAMP.format(shipBy.plus(Duration.ofDays(3))));
        amazonOrder.put("IsBusinessOrder", false);
        amazonOrder.put("IsPrime", order.shippingPrice().signum() == 0);
        amazonOrder.put("IsPremiumOrder", false);
        amazonOrder.put("IsGlobalExpressEnabled", false);
        amazonOrder.put("IsReplacementOrder", false);
        amazonOrder.put("IsSoldByAB", false);
        amazonOrder.put("IsISPU", false);
        amazonOrder.put("IsAccessPointOrder", false);
        amazonOrder.put("HasRegulatedItems", false);
        ObjectNode address = amazonOrder.putObject("ShippingAddress");
        address.put("Name", order.buyer().fullName());
        address.put("AddressLine1", destination.streetLine(order.buyer().houseNumber()));
        address.put("City", destination.city());
        if (destination.regionCode() != null) {
            address.put("StateOrRegion", destination.regionCode());
        }
        address.put("PostalCode", destination.postalCode());
        address.put("CountryCode", destination.countryCode());
        address.put("Phone", destination.phone(order.buyer().number()));
        address.put("AddressType", "Residential");
        amazonOrder.putObject("BuyerInfo").put("BuyerEmail", order.buyer().relayedEmail())
                .put("BuyerName", order.buyer().fullName());
        body.set("orderItems", items);
        return body;
    }

    private ObjectNode money(String currency, BigDecimal amount) {
        return json.createObjectNode().put("CurrencyCode", currency).put("Amount", MoneyText.of(amount));
    }

    private static String salesChannel(Storefront storefront) {
        switch (storefront) {
            case AMAZON_DE:
                return "Amazon.de";
            case AMAZON_UK:
                return "Amazon.co.uk";
            default:
                return "Amazon.com";
        }
    }
}
