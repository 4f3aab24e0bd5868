package dev.commercesync.map.channel.shopify;

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
import dev.commercesync.model.order.PresentmentAmounts;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.order.Shipping;
import dev.commercesync.model.order.TaxLine.TaxTarget;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a Shopify Admin REST order webhook body ({@code orders/create}, {@code orders/updated}, ...) as Shopify sends it.
 * <ul>
 *   <li>Amounts are in the shop currency ({@code currency}), read from the plain price fields. When the buyer paid in
 *   another {@code presentment_currency}, the order totals they saw are kept from the {@code *_set.presentment_money}
 *   fields.</li>
 *   <li>Shopify allocates every discount - a line's code, an order-wide code, a shipping code - to line items or
 *   shipping lines ({@code discount_allocations}); line tax is computed on those allocations. The canonical order
 *   therefore carries each discount where Shopify allocated it, named by its {@code discount_applications} entry,
 *   and {@code orderDiscounts} stays empty: listing an order-wide code there as well would count it twice.
 *   {@code total_discounts} includes shipping discounts.</li>
 *   <li>Tax lines come from line and shipping {@code tax_lines} (so each says whether it is tax on items or on
 *   shipping); {@code channel_liable} marks tax a marketplace remits.</li>
 *   <li>Status: {@code cancelled_at} set → CANCELLED; else {@code fulfillment_status}; else {@code financial_status}.</li>
 *   <li>Not followed: order edits ({@code current_quantity}, {@code current_total_*}); the original quantities and
 *   totals are mapped. Tips are rejected: {@code total_price} includes them and the canonical order has no place.</li>
 * </ul>
 */
public final class ShopifyOrderMapper implements ChannelOrderMapper {

    /** What a {@code discount_applications} entry says about the discount its allocations carry. */
    private record Application(String code, String description) {
    }

    @Override
    public SalesChannel channel() {
        return SalesChannel.SHOPIFY;
    }

    @Override
    public CanonicalOrder map(RawOrderReceived raw) throws OrderMappingException {
        PayloadNode order = PayloadNode.parse(raw.body(), "order");
        String orderId = ChannelOrderMapper.intakeOrderId(raw, order.requiredText("id"), "order: id");
        String currency = order.requiredCurrency("currency");
        String presentmentCurrency = Optional.ofNullable(order.currency("presentment_currency")).orElse(currency);
        boolean taxesIncluded = order.requiredBoolean("taxes_included");

        Money tip = order.money("total_tip_received", currency);
        if (tip != null && !tip.isZero()) {
            throw order.fault("total_tip_received " + tip + ": tips are part of total_price but canonical order v1"
                    + " has no place for them");
        }

        List<Application> applications = applications(order);
        TaxLineTally taxLines = new TaxLineTally();
        List<OrderLine> lines = lines(order, currency, applications, taxLines);
        Shipping shipping = shipping(order, currency, applications, taxLines);

        Money statedShipping = order.object("total_shipping_price_set").isPresent()
                ? order.requiredObject("total_shipping_price_set").requiredObject("shop_money")
                        .asMoney("amount", "currency_code", currency)
                : shipping.price();
        OrderTotals totals = new OrderTotals(
                order.requiredMoney("total_line_items_price", currency),
                statedShipping,
                order.requiredMoney("total_tax", currency),
                order.requiredMoney("total_discounts", currency),
                order.requiredMoney("total_price", currency));

        return new CanonicalOrder(
                SalesChannel.SHOPIFY,
                orderId,
                storefront(raw, order),
                order.requiredInstant("created_at"),
                order.requiredInstant("updated_at"),
                status(order),
                currency,
                buyer(order),
                address(order.object("shipping_address")),
                lines,
                shipping,
                List.of(),
                taxLines.taxLines(),
                taxesIncluded,
                List.of(),
                totals,
                presentmentCurrency.equals(currency) ? null : presentment(order, presentmentCurrency));
    }

    private static List<Application> applications(PayloadNode order) throws OrderMappingException {
        List<Application> applications = new ArrayList<>();
        for (PayloadNode application : order.array("discount_applications")) {
            String code = application.text("code");
            String description = application.text("title");
            if (description == null) {
                description = application.text("description");
            }
            applications.add(new Application(code, description));
        }
        return applications;
    }

    private static List<OrderLine> lines(PayloadNode order, String currency, List<Application> applications,
                                         TaxLineTally taxLines) throws OrderMappingException {
        List<PayloadNode> items = order.requiredArray("line_items");
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            PayloadNode item = items.get(i);
            PayloadNode line = item.at(PayloadNode.lineLocation(i + 1, item.text("sku"), item.text("id")));
            int quantity = line.requiredQuantity("quantity");
            Money unitPrice = line.requiredMoney("price", currency);
            Money tax = taxes(line, currency, TaxTarget.ITEMS, taxLines);
            List<Discount> discounts = allocations(line, currency, applications);
            Money lineTotal = unitPrice.times(quantity);
            for (Discount discount : discounts) {
                lineTotal = lineTotal.minus(discount.amount());
            }
            lines.add(new OrderLine(line.requiredText("id"), line.text("sku"), line.text("variant_id"),
                    line.text("title"), quantity, unitPrice, tax, discounts, lineTotal));
        }
        return lines;
    }

    private static Shipping shipping(PayloadNode order, String currency, List<Application> applications,
                                     TaxLineTally taxLines) throws OrderMappingException {
        Money price = Money.zero(currency);
        Money tax = Money.zero(currency);
        Money discount = Money.zero(currency);
        List<String> methods = new ArrayList<>();
        List<PayloadNode> shippingLines = order.array("shipping_lines");
        for (int i = 0; i < shippingLines.size(); i++) {
            PayloadNode line = shippingLines.get(i).at("shipping line " + (i + 1));
            price = price.plus(line.requiredMoney("price", currency));
            tax = tax.plus(taxes(line, currency, TaxTarget.SHIPPING, taxLines));
            for (Discount allocation : allocations(line, currency, applications)) {
                discount = discount.plus(allocation.amount());
            }
            String title = line.text("title");
            if (title != null) {
                methods.add(title);
            }
        }
        return new Shipping(methods.isEmpty() ? null : String.join(" + ", methods), price, tax, discount);
    }

    private static Money taxes(PayloadNode line, String currency, TaxTarget target, TaxLineTally taxLines)
            throws OrderMappingException {
        Money sum = Money.zero(currency);
        for (PayloadNode taxLine : line.array("tax_lines")) {
            Money amount = taxLine.requiredMoney("price", currency);
            taxLines.add(taxLine.text("title"), null, taxLine.decimal("rate"), amount, target,
                    taxLine.isTrue("channel_liable"));
            sum = sum.plus(amount);
        }
        return sum;
    }

    private static List<Discount> allocations(PayloadNode line, String currency, List<Application> applications)
            throws OrderMappingException {
        List<Discount> discounts = new ArrayList<>();
        for (PayloadNode allocation : line.array("discount_allocations")) {
            Money amount = allocation.requiredMoney("amount", currency);
            int index = allocation.requiredQuantity("discount_application_index");
            if (index >= applications.size()) {
                throw allocation.fault("discount_application_index " + index + " has no discount_applications entry");
            }
            Application application = applications.get(index);
            discounts.add(new Discount(application.code(), application.description(), amount));
        }
        return discounts;
    }

    private static OrderStatus status(PayloadNode order) throws OrderMappingException {
        if (order.has("cancelled_at")) {
            order.requiredInstant("cancelled_at");
            return OrderStatus.CANCELLED;
        }
        String fulfillment = order.text("fulfillment_status");
        if (fulfillment != null) {
            switch (fulfillment) {
                case "fulfilled":
                    return OrderStatus.FULFILLED;
                case "partial":
                    return OrderStatus.PARTIALLY_FULFILLED;
                case "restocked": // every line restocked and the order cancelled
                    return OrderStatus.CANCELLED;
                case "unfulfilled":
                    break;
                default:
                    throw order.fault("fulfillment_status '" + fulfillment + "' is not a Shopify fulfillment status");
            }
        }
        String financial = order.requiredText("financial_status");
        return switch (financial) {
            case "pending", "partially_paid" -> OrderStatus.PENDING;
            // Refunds do not cancel the sale; returns reach the ERP by their own flow.
            case "authorized", "paid", "partially_refunded", "refunded" -> OrderStatus.CONFIRMED;
            case "voided" -> OrderStatus.CANCELLED;
            default -> throw order.fault("financial_status '" + financial + "' is not a Shopify financial status");
        };
    }

    private static PresentmentAmounts presentment(PayloadNode order, String presentmentCurrency)
            throws OrderMappingException {
        return new PresentmentAmounts(presentmentCurrency,
                presentmentMoney(order, "total_line_items_price_set", presentmentCurrency),
                presentmentMoney(order, "total_shipping_price_set", presentmentCurrency),
                presentmentMoney(order, "total_tax_set", presentmentCurrency),
                presentmentMoney(order, "total_discounts_set", presentmentCurrency),
                presentmentMoney(order, "total_price_set", presentmentCurrency));
    }

    private static Money presentmentMoney(PayloadNode order, String field, String presentmentCurrency)
            throws OrderMappingException {
        return order.requiredObject(field).requiredObject("presentment_money")
                .asMoney("amount", "currency_code", presentmentCurrency);
    }

    private static Buyer buyer(PayloadNode order) throws OrderMappingException {
        Optional<PayloadNode> customer = order.object("customer");
        String email = order.text("email");
        if (email == null) {
            email = order.text("contact_email");
        }
        String name = null;
        String reference = null;
        if (customer.isPresent()) {
            if (email == null) {
                email = customer.get().text("email");
            }
            name = fullName(customer.get().text("first_name"), customer.get().text("last_name"));
            reference = customer.get().text("id");
        }
        if (reference == null) {
            reference = BuyerReference.fromEmail(email);
        }
        if (reference == null && name == null && email == null) {
            return null;
        }
        return new Buyer(reference, name, email);
    }

    private static Address address(Optional<PayloadNode> shippingAddress) throws OrderMappingException {
        if (shippingAddress.isEmpty()) {
            return null;
        }
        PayloadNode address = shippingAddress.get();
        String name = address.text("name");
        if (name == null) {
            name = fullName(address.text("first_name"), address.text("last_name"));
        }
        String region = address.text("province_code");
        String country = address.text("country_code");
        return new Address(name, address.text("company"), address.text("address1"), address.text("address2"),
                address.text("city"), region != null ? region : address.text("province"), address.text("zip"),
                country == null ? null : country.toUpperCase(Locale.ROOT), address.text("phone"));
    }

    private static String fullName(String first, String last) {
        if (first == null) {
            return last;
        }
        return last == null ? first : first + " " + last;
    }

    /** The shop domain: from the webhook header recorded at intake, else from the order status page's host. */
    private static String storefront(RawOrderReceived raw, PayloadNode order) throws OrderMappingException {
        if (raw.storefrontId() != null && !raw.storefrontId().isBlank()) {
            return raw.storefrontId();
        }
        String statusUrl = order.text("order_status_url");
        if (statusUrl == null) {
            return null;
        }
        try {
            return new URI(statusUrl).getHost();
        } catch (URISyntaxException e) {
            return null; // the storefront is informational; a malformed status page link does not stop the order
        }
    }
}
