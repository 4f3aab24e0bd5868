package dev.commercesync.runlocal.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link PlacedOrder} as the body of a Shopify {@code orders/create} or {@code orders/updated} webhook
 * (Admin REST order resource), in the shape of {@code functions/map/src/test/resources/fixtures/shopify}:
 * <ul>
 *   <li>plain price fields in the shop currency, {@code *_set} pairs with the presentment currency (CAD for the US
 *   shop's Canadian buyers);</li>
 *   <li>the discount code in {@code discount_applications}, its amounts in line and shipping-line
 *   {@code discount_allocations}; tax per line and shipping line, computed on the discounted amount;</li>
 *   <li>timestamps in the shop's own offset, as Shopify writes them.</li>
 * </ul>
 */
final class ShopifyOrderWebhook {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    /** The shop id in order status URLs; one per demo shop is all any test looks at. */
    private static final long SHOP_ID = 71_234_567_890L;

    private final ObjectMapper json;

    ShopifyOrderWebhook(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode body(PlacedOrder order) {
        String currency = order.currency();
        boolean included = order.taxesIncluded();
        Destination destination = order.destination();
        Map<Destination.TaxRate, BigDecimal> taxByRate = new LinkedHashMap<>();

        ArrayNode lineItems = json.createArrayNode();
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal discounts = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        int grams = 0;
        for (int i = 0; i < order.lines().size(); i++) {
            PlacedOrder.PlacedLine line = order.lines().get(i);
            BigDecimal gross = order.gross(i);
            BigDecimal discount = order.lineDiscount(i);
            List<Destination.TaxCharge> charges = destination.taxes(gross.subtract(discount),
                    line.product().reducedVat(), included);
            lineItems.add(lineItem(order, i, discount, charges));
            subtotal = subtotal.add(gross);
            discounts = discounts.add(discount);
            tax = tax.add(tally(charges, taxByRate));
            grams += line.product().grams() * line.quantity();
        }
        BigDecimal shippingPrice = order.shippingPrice();
        BigDecimal shippingDiscount = order.shippingDiscount();
        List<Destination.TaxCharge> shippingCharges = destination.taxes(shippingPrice.subtract(shippingDiscount),
                false, included);
        tax = tax.add(tally(shippingCharges, taxByRate));
        BigDecimal lineDiscounts = discounts;
        discounts = discounts.add(shippingDiscount);
        BigDecimal total = subtotal.subtract(discounts).add(shippingPrice).add(included ? BigDecimal.ZERO : tax)
                .add(order.statedTotalError());

        String orderName = "#" + order.orderNumber();
        ObjectNode body = json.createObjectNode();
        body.put("id", Long.parseLong(order.orderId()));
        body.put("admin_graphql_api_id", "gid://shopify/Order/" + order.orderId());
        body.put("app_id", 580_111);
        body.put("browser_ip", order.tokens().browserIp());
        body.put("buyer_accepts_marketing", order.buyer().number() % 3 == 0);
        body.putNull("cancel_reason");
        body.putNull("cancelled_at");
        body.put("cart_token", order.tokens().cartToken());
        body.put("checkout_id", order.tokens().checkoutId());
        body.put("checkout_token", order.tokens().checkoutToken());
        body.putNull("closed_at");
        body.put("confirmation_number", order.tokens().confirmationNumber());
        body.put("confirmed", true);
        body.put("contact_email", order.buyer().email());
        body.put("created_at", timestamp(order, order.placedAt()));
        body.put("currency", currency);
        money(body, "current_subtotal_price", order, subtotal.subtract(lineDiscounts));
        money(body, "current_total_discounts", order, discounts);
        money(body, "current_total_price", order, total);
        money(body, "current_total_tax", order, tax);
        body.put("customer_locale", locale(destination));
        discountCodes(body, order, discounts);
        body.put("email", order.buyer().email());
        body.put("estimated_taxes", false);
        body.put("financial_status", "paid");
        body.put("fulfillment_status", fulfillmentStatus(order));
        body.put("landing_site", "/");
        body.putNull("landing_site_ref");
        body.put("name", orderName);
        body.putNull("note");
        body.putArray("note_attributes");
        body.put("number", order.orderNumber() - 1000);
        body.put("order_number", order.orderNumber());
        body.put("order_status_url", "https://" + order.storefront().id() + "/" + SHOP_ID + "/orders/"
                + order.tokens().checkoutToken() + "/authenticate?key=" + order.tokens().cartToken());
        body.putArray("payment_gateway_names").add("shopify_payments");
        body.putNull("phone");
        body.put("presentment_currency", presentmentCurrency(order));
        body.put("processed_at", timestamp(order, order.placedAt()));
        body.put("source_name", "web");
        money(body, "subtotal_price", order, subtotal.subtract(lineDiscounts));
        body.put("tags", "");
        body.put("tax_exempt", false);
        body.set("tax_lines", taxLines(order, taxByRate));
        body.put("taxes_included", included);
        body.put("test", false);
        body.put("token", order.tokens().checkoutToken());
        money(body, "total_discounts", order, discounts);
        money(body, "total_line_items_price", order, subtotal);
        body.put("total_outstanding", "0.00");
        money(body, "total_price", order, total);
        body.set("total_shipping_price_set", moneySet(order, shippingPrice));
        money(body, "total_tax", order, tax);
        body.put("total_tip_received", "0.00");
        body.put("total_weight", grams);
        body.put("updated_at", timestamp(order, order.updatedAt()));
        body.putNull("user_id");
        body.set("billing_address", address(order));
        body.set("customer", customer(order));
        body.set("discount_applications", discountApplications(order));
        body.set("fulfillments", fulfillments(order));
        body.set("line_items", lineItems);
        body.putNull("payment_terms");
        body.putArray("refunds");
        body.set("shipping_address", address(order));
        body.set("shipping_lines", shippingLines(order, shippingPrice, shippingDiscount, shippingCharges));
        return body;
    }

    private ObjectNode lineItem(PlacedOrder order, int index, BigDecimal discount,
                                List<Destination.TaxCharge> charges) {
        PlacedOrder.PlacedLine line = order.lines().get(index);
        boolean fulfilled = index < order.fulfilledLines();
        ObjectNode item = json.createObjectNode();
        item.put("id", Long.parseLong(line.lineId()));
        item.put("admin_graphql_api_id", "gid://shopify/LineItem/" + line.lineId());
        item.put("current_quantity", line.quantity());
        item.put("fulfillable_quantity", fulfilled ? 0 : line.quantity());
        item.put("fulfillment_service", "manual");
        item.put("fulfillment_status", fulfilled ? "fulfilled" : null);
        item.put("gift_card", false);
        item.put("grams", line.product().grams());
        item.put("name", line.product().title());
        item.put("price", MoneyText.of(order.unitPrice(line)));
        item.set("price_set", moneySet(order, order.unitPrice(line)));
        item.put("product_exists", true);
        item.put("product_id", line.product().shopifyVariant() - 37_000_000_000_000L);
        item.putArray("properties");
        item.put("quantity", line.quantity());
        item.put("requires_shipping", true);
        item.put("sku", line.product().sku());
        item.put("taxable", true);
        item.put("title", line.product().title());
        item.put("total_discount", "0.00");
        item.set("total_discount_set", moneySet(order, BigDecimal.ZERO));
        item.put("variant_id", line.product().shopifyVariant());
        item.put("variant_inventory_management", "shopify");
        item.put("vendor", "Commerce Sync Demo");
        item.set("tax_lines", taxLines(order, charges));
        item.putArray("duties");
        item.set("discount_allocations", allocations(order, discount));
        return item;
    }

    private ArrayNode shippingLines(PlacedOrder order, BigDecimal price, BigDecimal discount,
                                    List<Destination.TaxCharge> charges) {
        ArrayNode lines = json.createArrayNode();
        ObjectNode line = lines.addObject();
        line.put("id", order.tokens().shippingLineId());
        line.putNull("carrier_identifier");
        line.put("code", order.shipping().code());
        line.put("discounted_price", MoneyText.of(price.subtract(discount)));
        line.set("discounted_price_set", moneySet(order, price.subtract(discount)));
        line.put("is_removed", false);
        line.putNull("phone");
        line.put("price", MoneyText.of(price));
        line.set("price_set", moneySet(order, price));
        line.put("source", "shopify");
        line.put("title", order.shipping().title());
        line.set("tax_lines", taxLines(order, charges));
        line.set("discount_allocations", allocations(order, discount));
        return lines;
    }

    private ArrayNode allocations(PlacedOrder order, BigDecimal amount) {
        ArrayNode allocations = json.createArrayNode();
        if (amount.signum() > 0) {
            ObjectNode allocation = allocations.addObject();
            allocation.put("amount", MoneyText.of(amount));
            allocation.set("amount_set", moneySet(order, amount));
            allocation.put("discount_application_index", 0);
        }
        return allocations;
    }

    private ArrayNode discountApplications(PlacedOrder order) {
        ArrayNode applications = json.createArrayNode();
        Promotion promotion = order.promotion();
        if (promotion.kind() == Promotion.Kind.NONE) {
            return applications;
        }
        boolean percentage = promotion.kind() != Promotion.Kind.AMOUNT_OFF_FIRST_LINE;
        applications.addObject()
                .put("target_type", promotion.kind() == Promotion.Kind.FREE_SHIPPING ? "shipping_line" : "line_item")
                .put("type", "discount_code")
                .put("value", promotion.kind() == Promotion.Kind.FREE_SHIPPING ? "100.0"
                        : promotion.value().setScale(1, RoundingMode.UNNECESSARY).toPlainString())
                .put("value_type", percentage ? "percentage" : "fixed_amount")
                .put("allocation_method", promotion.kind() == Promotion.Kind.FREE_SHIPPING ? "each" : "across")
                .put("target_selection", promotion.kind() == Promotion.Kind.AMOUNT_OFF_FIRST_LINE ? "entitled" : "all")
                .put("code", promotion.code());
        return applications;
    }

    private void discountCodes(ObjectNode body, PlacedOrder order, BigDecimal discounts) {
        ArrayNode codes = body.putArray("discount_codes");
        Promotion promotion = order.promotion();
        if (promotion.kind() != Promotion.Kind.NONE) {
            String type = promotion.kind() == Promotion.Kind.FREE_SHIPPING ? "shipping"
                    : promotion.kind() == Promotion.Kind.PERCENT_OFF_ORDER ? "percentage" : "fixed_amount";
            codes.addObject().put("code", promotion.code()).put("amount", MoneyText.of(discounts)).put("type", type);
        }
    }

    private ArrayNode taxLines(PlacedOrder order, List<Destination.TaxCharge> charges) {
        ArrayNode lines = json.createArrayNode();
        for (Destination.TaxCharge charge : charges) {
            ObjectNode line = lines.addObject();
            line.put("channel_liable", false);
            line.put("price", MoneyText.of(charge.amount()));
            line.set("price_set", moneySet(order, charge.amount()));
            line.put("rate", charge.rate().rate());
            line.put("title", charge.rate().title());
        }
        return lines;
    }

    private ArrayNode taxLines(PlacedOrder order, Map<Destination.TaxRate, BigDecimal> byRate) {
        return taxLines(order, byRate.entrySet().stream()
                .map(entry -> new Destination.TaxCharge(entry.getKey(), entry.getValue())).toList());
    }

    private static BigDecimal tally(List<Destination.TaxCharge> charges, Map<Destination.TaxRate, BigDecimal> byRate) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Destination.TaxCharge charge : charges) {
            byRate.merge(charge.rate(), charge.amount(), BigDecimal::add);
            sum = sum.add(charge.amount());
        }
        return sum;
    }

    private ArrayNode fulfillments(PlacedOrder order) {
        ArrayNode fulfillments = json.createArrayNode();
        if (order.fulfilledLines() == 0) {
            return fulfillments;
        }
        ObjectNode fulfillment = fulfillments.addObject();
        long id = order.tokens().shippingLineId() + 1;
        fulfillment.put("id", id);
        fulfillment.put("admin_graphql_api_id", "gid://shopify/Fulfillment/" + id);
        fulfillment.put("created_at", timestamp(order, order.updatedAt()));
        fulfillment.put("name", "#" + order.orderNumber() + ".1");
        fulfillment.put("order_id", Long.parseLong(order.orderId()));
        fulfillment.put("service", "manual");
        fulfillment.put("status", "success");
        fulfillment.put("tracking_company", "UPS");
        // UPS's own documented sample tracking number: it tracks nothing.
        fulfillment.put("tracking_number", "1Z999AA10123456784");
        fulfillment.put("updated_at", timestamp(order, order.updatedAt()));
        ArrayNode items = fulfillment.putArray("line_items");
        for (int i = 0; i < order.fulfilledLines(); i++) {
            PlacedOrder.PlacedLine line = order.lines().get(i);
            items.addObject().put("id", Long.parseLong(line.lineId())).put("sku", line.product().sku())
                    .put("quantity", line.quantity()).put("fulfillment_status", "fulfilled");
        }
        return fulfillments;
    }

    private ObjectNode customer(PlacedOrder order) {
        DemoBuyer buyer = order.buyer();
        ObjectNode customer = json.createObjectNode();
        customer.put("id", buyer.shopifyCustomerId());
        customer.put("email", buyer.email());
        Instant since = order.placedAt().minus(Duration.ofDays(30 + buyer.number() % 300));
        customer.put("created_at", timestamp(order, since));
        customer.put("updated_at", timestamp(order, since));
        customer.put("first_name", buyer.firstName());
        customer.put("last_name", buyer.lastName());
        customer.put("state", "enabled");
        customer.putNull("note");
        customer.put("verified_email", true);
        customer.put("tax_exempt", false);
        customer.putNull("phone");
        customer.put("tags", "");
        customer.put("currency", order.currency());
        customer.put("admin_graphql_api_id", "gid://shopify/Customer/" + buyer.shopifyCustomerId());
        ObjectNode address = address(order);
        address.put("id", buyer.shopifyCustomerId() + 11);
        address.put("customer_id", buyer.shopifyCustomerId());
        address.put("default", true);
        customer.set("default_address", address);
        return customer;
    }

    private ObjectNode address(PlacedOrder order) {
        DemoBuyer buyer = order.buyer();
        Destination destination = order.destination();
        ObjectNode address = json.createObjectNode();
        address.put("first_name", buyer.firstName());
        address.put("address1", destination.streetLine(buyer.houseNumber()));
        address.put("phone", destination.phone(buyer.number()));
        address.put("city", destination.city());
        address.put("zip", destination.postalCode());
        address.put("province", destination.region());
        address.put("country", destination.country());
        address.put("last_name", buyer.lastName());
        address.putNull("address2");
        address.putNull("company");
        address.putNull("latitude");
        address.putNull("longitude");
        address.put("name", buyer.fullName());
        address.put("country_code", destination.countryCode());
        address.put("province_code", destination.regionCode());
        return address;
    }

    private void money(ObjectNode body, String field, PlacedOrder order, BigDecimal amount) {
        body.put(field, MoneyText.of(amount));
        body.set(field + "_set", moneySet(order, amount));
    }

    private ObjectNode moneySet(PlacedOrder order, BigDecimal amount) {
        ObjectNode set = json.createObjectNode();
        set.putObject("shop_money").put("amount", MoneyText.of(amount)).put("currency_code", order.currency());
        set.putObject("presentment_money").put("amount", MoneyText.of(order.inPresentment(amount)))
                .put("currency_code", presentmentCurrency(order));
        return set;
    }

    private static String presentmentCurrency(PlacedOrder order) {
        return order.presentmentCurrency() == null ? order.currency() : order.presentmentCurrency();
    }

    private static String fulfillmentStatus(PlacedOrder order) {
        if (order.fulfilledLines() == 0) {
            return null;
        }
        return order.fulfilledLines() == order.lines().size() ? "fulfilled" : "partial";
    }

    private static String locale(Destination destination) {
        switch (destination.countryCode()) {
            case "DE":
                return "de-DE";
            case "GB":
                return "en-GB";
            case "CA":
                return "en-CA";
            default:
                return "en-US";
        }
    }

    private static String timestamp(PlacedOrder order, Instant instant) {
        return TIMESTAMP.format(instant.atOffset(order.storefront().localTime()));
    }
}
