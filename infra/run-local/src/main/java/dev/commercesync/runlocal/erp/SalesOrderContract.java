package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request body as the contract's {@code SalesOrder} ({@code infra/erp/generic-erp-openapi.yaml}) the way a
 * strict ERP facade would. Two kinds of fault, answered differently:
 * <ul>
 *   <li>the body breaks the schema (a required field missing, a number where the contract wants a decimal string,
 *   an unknown enum value): 400, because the caller sent something the contract does not allow;</li>
 *   <li>the body is well formed but the ERP will not book it: an unknown SKU when a catalogue is configured, or
 *   amounts that do not add up as the contract's <em>Amounts</em> section says they must: 422, the business
 *   rejection the caller shows to an operator.</li>
 * </ul>
 * Every fault carries a JSON Pointer into the body, as the contract's {@code errors[].pointer}.
 */
final class SalesOrderContract {

    /** One fault, at a place in the body. */
    record Violation(String pointer, String detail) {
    }

    /**
     * @param order     the facts the order book keeps; null when the body is malformed
     * @param malformed schema violations (400)
     * @param refused   business rejections (422); only looked for when the body is well formed
     */
    record Reading(OrderBook.Posted order, List<Violation> malformed, List<Violation> refused) {
    }

    private static final Pattern EXTERNAL_REFERENCE = Pattern.compile("^(shopify|amazon|ebay):.+$");
    private static final int EXTERNAL_REFERENCE_MAX = 128;
    private static final Pattern AMOUNT = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Set<String> CHANNELS = Set.of("shopify", "amazon", "ebay");
    private static final Set<String> STATUSES =
            Set.of("PENDING", "CONFIRMED", "PARTIALLY_FULFILLED", "FULFILLED", "CANCELLED");
    private static final Set<String> TAX_TARGETS = Set.of("ITEMS", "SHIPPING");

    private final Set<String> skuCatalogue;
    private final List<Violation> malformed = new ArrayList<>();
    private int minorUnits = -1;

    private SalesOrderContract(Set<String> skuCatalogue) {
        this.skuCatalogue = skuCatalogue;
    }

    /**
     * @param skuCatalogue the SKUs the ERP knows; empty accepts any
     * @param json         the body as received, kept with the document
     */
    static Reading read(JsonNode body, String json, Set<String> skuCatalogue) {
        return new SalesOrderContract(skuCatalogue).read(body, json);
    }

    private Reading read(JsonNode body, String json) {
        if (body == null || !body.isObject()) {
            malformed.add(new Violation("", "the body must be a SalesOrder object"));
            return new Reading(null, List.copyOf(malformed), List.of());
        }
        String reference = requiredText(body, "", "externalReference");
        if (reference != null && (!EXTERNAL_REFERENCE.matcher(reference).matches()
                || reference.length() > EXTERNAL_REFERENCE_MAX)) {
            malformed.add(new Violation("/externalReference", "'" + reference + "' is not <channel>:<order id>"
                    + " (shopify, amazon or ebay; at most " + EXTERNAL_REFERENCE_MAX + " characters)"));
        }
        Instant sourceVersion = requiredInstant(body, "", "sourceVersion");
        String channel = requiredEnum(body, "", "channel", CHANNELS);
        String channelOrderId = requiredText(body, "", "channelOrderId");
        if (reference != null && channel != null && channelOrderId != null
                && !reference.equals(channel + ":" + channelOrderId)) {
            malformed.add(new Violation("/externalReference", "'" + reference + "' is not channel:channelOrderId ("
                    + channel + ":" + channelOrderId + ")"));
        }
        optionalText(body, "", "storefront");
        requiredInstant(body, "", "orderedAt");
        String status = requiredEnum(body, "", "status", STATUSES);
        String currency = currency(body);
        JsonNode taxesIncluded = required(body, "", "taxesIncluded");
        if (taxesIncluded != null && !taxesIncluded.isBoolean()) {
            malformed.add(new Violation("/taxesIncluded", "must be true or false"));
        }
        customer(body);
        shipTo(body);
        List<JsonNode> lines = lines(body, "CANCELLED".equals(status));
        shipping(body);
        discounts(body);
        taxes(body);
        JsonNode totals = requiredObject(body, "", "totals");
        BigDecimal grandTotal = null;
        if (totals != null) {
            for (String total : List.of("subtotal", "shipping", "tax", "discount")) {
                requiredAmount(totals, "/totals", total);
            }
            grandTotal = requiredAmount(totals, "/totals", "grandTotal");
        }
        if (!malformed.isEmpty()) {
            return new Reading(null, List.copyOf(malformed), List.of());
        }
        OrderBook.Posted posted = new OrderBook.Posted(reference, sourceVersion, status, currency,
                grandTotal.toPlainString(), json);
        return new Reading(posted, List.of(), refusals(body, lines));
    }

    /** What the ERP will not book although the contract allows the shape: unknown items, totals that do not add up. */
    private List<Violation> refusals(JsonNode body, List<JsonNode> lines) {
        List<Violation> refused = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String sku = line.get("sku").asText();
            if (!skuCatalogue.isEmpty() && !skuCatalogue.contains(sku)) {
                refused.add(new Violation("/lines/" + i + "/sku", "Item " + sku + " does not exist"));
            }
            BigDecimal gross = amount(line, "unitPrice").multiply(BigDecimal.valueOf(line.get("quantity").asLong()));
            BigDecimal expected = gross.subtract(amount(line, "discountAmount"));
            if (expected.compareTo(amount(line, "lineAmount")) != 0) {
                refused.add(new Violation("/lines/" + i + "/lineAmount", "line " + (i + 1) + " amount "
                        + amount(line, "lineAmount").toPlainString() + " is not quantity × unitPrice − discountAmount = "
                        + expected.toPlainString()));
            }
            subtotal = subtotal.add(gross);
        }
        JsonNode totals = body.get("totals");
        if (subtotal.compareTo(amount(totals, "subtotal")) != 0) {
            refused.add(new Violation("/totals/subtotal", "subtotal " + amount(totals, "subtotal").toPlainString()
                    + " is not Σ quantity × unitPrice = " + subtotal.toPlainString()));
        }
        BigDecimal grand = amount(totals, "subtotal").add(amount(totals, "shipping"))
                .subtract(amount(totals, "discount"));
        if (!body.get("taxesIncluded").booleanValue()) {
            grand = grand.add(amount(totals, "tax"));
        }
        if (grand.compareTo(amount(totals, "grandTotal")) != 0) {
            refused.add(new Violation("/totals/grandTotal", "grandTotal " + amount(totals, "grandTotal").toPlainString()
                    + " is not subtotal + shipping − discount" + (body.get("taxesIncluded").booleanValue() ? "" : " + tax")
                    + " = " + grand.toPlainString()));
        }
        return List.copyOf(refused);
    }

    private String currency(JsonNode body) {
        String currency = requiredText(body, "", "currency");
        if (currency == null) {
            return null;
        }
        if (!CURRENCY.matcher(currency).matches()) {
            malformed.add(new Violation("/currency", "'" + currency + "' is not an ISO 4217 code"));
            return null;
        }
        try {
            minorUnits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            malformed.add(new Violation("/currency", "'" + currency + "' is not an ISO 4217 code"));
        }
        return currency;
    }

    private void customer(JsonNode body) {
        JsonNode customer = requiredObject(body, "", "customer");
        if (customer != null) {
            requiredText(customer, "/customer", "reference");
            optionalText(customer, "/customer", "name");
            optionalText(customer, "/customer", "email");
        }
    }

    private void shipTo(JsonNode body) {
        JsonNode shipTo = body.get("shipTo");
        if (shipTo == null || shipTo.isNull()) {
            return;
        }
        if (!shipTo.isObject()) {
            malformed.add(new Violation("/shipTo", "must be an Address or null"));
            return;
        }
        for (String field : List.of("name", "company", "line1", "line2", "city", "region", "postalCode", "phone")) {
            optionalText(shipTo, "/shipTo", field);
        }
        requiredText(shipTo, "/shipTo", "countryCode");
    }

    /** @param cancelled a cancelled order may carry quantity 0: Amazon reports a cancelled order's lines so */
    private List<JsonNode> lines(JsonNode body, boolean cancelled) {
        JsonNode lines = required(body, "", "lines");
        if (lines == null) {
            return List.of();
        }
        if (!lines.isArray() || lines.isEmpty()) {
            malformed.add(new Violation("/lines", "must be an array of at least one line"));
            return List.of();
        }
        List<JsonNode> read = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String at = "/lines/" + i;
            if (!line.isObject()) {
                malformed.add(new Violation(at, "must be a Line object"));
                continue;
            }
            positiveInteger(line, at, "lineNumber");
            optionalText(line, at, "channelLineId");
            requiredText(line, at, "sku");
            optionalText(line, at, "description");
            if (cancelled) {
                nonNegativeInteger(line, at, "quantity");
            } else {
                positiveInteger(line, at, "quantity");
            }
            for (String amount : List.of("unitPrice", "taxAmount", "discountAmount", "lineAmount")) {
                requiredAmount(line, at, amount);
            }
            read.add(line);
        }
        return read;
    }

    private void shipping(JsonNode body) {
        JsonNode shipping = requiredObject(body, "", "shipping");
        if (shipping != null) {
            optionalText(shipping, "/shipping", "method");
            requiredAmount(shipping, "/shipping", "price");
            requiredAmount(shipping, "/shipping", "tax");
            requiredAmount(shipping, "/shipping", "discount");
        }
    }

    private void discounts(JsonNode body) {
        for (Element discount : optionalArray(body, "orderDiscounts")) {
            optionalText(discount.node(), discount.pointer(), "code");
            optionalText(discount.node(), discount.pointer(), "description");
            requiredAmount(discount.node(), discount.pointer(), "amount");
        }
    }

    private void taxes(JsonNode body) {
        for (Element tax : optionalArray(body, "taxes")) {
            optionalText(tax.node(), tax.pointer(), "title");
            optionalText(tax.node(), tax.pointer(), "jurisdiction");
            String rate = optionalText(tax.node(), tax.pointer(), "rate");
            if (rate != null && !AMOUNT.matcher(rate).matches()) {
                malformed.add(new Violation(tax.pointer() + "/rate", "'" + rate + "' is not a decimal fraction"));
            }
            requiredAmount(tax.node(), tax.pointer(), "amount");
            requiredEnum(tax.node(), tax.pointer(), "appliesTo", TAX_TARGETS);
            JsonNode remitted = required(tax.node(), tax.pointer(), "remittedByMarketplace");
            if (remitted != null && !remitted.isBoolean()) {
                malformed.add(new Violation(tax.pointer() + "/remittedByMarketplace", "must be true or false"));
            }
        }
    }

    private record Element(JsonNode node, String pointer) {
    }

    private List<Element> optionalArray(JsonNode body, String field) {
        JsonNode array = body.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            malformed.add(new Violation("/" + field, "must be an array"));
            return List.of();
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String pointer = "/" + field + "/" + i;
            if (array.get(i).isObject()) {
                elements.add(new Element(array.get(i), pointer));
            } else {
                malformed.add(new Violation(pointer, "must be an object"));
            }
        }
        return elements;
    }

    private JsonNode required(JsonNode parent, String at, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            malformed.add(new Violation(at + "/" + field, field + " is required"));
            return null;
        }
        return value;
    }

    private JsonNode requiredObject(JsonNode parent, String at, String field) {
        JsonNode value = required(parent, at, field);
        if (value != null && !value.isObject()) {
            malformed.add(new Violation(at + "/" + field, "must be an object"));
            return null;
        }
        return value;
    }

    private String requiredText(JsonNode parent, String at, String field) {
        JsonNode value = required(parent, at, field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            malformed.add(new Violation(at + "/" + field, "must be a non-empty string"));
            return null;
        }
        return value.textValue();
    }

    private String optionalText(JsonNode parent, String at, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            malformed.add(new Violation(at + "/" + field, "must be a string or null"));
            return null;
        }
        return value.textValue();
    }

    private String requiredEnum(JsonNode parent, String at, String field, Set<String> allowed) {
        String value = requiredText(parent, at, field);
        if (value != null && !allowed.contains(value)) {
            malformed.add(new Violation(at + "/" + field, "'" + value + "' is not one of " + allowed.stream().sorted()
                    .toList()));
            return null;
        }
        return value;
    }

    private Instant requiredInstant(JsonNode parent, String at, String field) {
        String value = requiredText(parent, at, field);
        if (value == null) {
            return null;
        }
        try {
            // The contract's versions are UTC to the millisecond; finer digits would make equal versions differ.
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            malformed.add(new Violation(at + "/" + field, "'" + value + "' is not an RFC 3339 date-time"));
            return null;
        }
    }

    private void nonNegativeInteger(JsonNode parent, String at, String field) {
        JsonNode value = required(parent, at, field);
        if (value != null && (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0)) {
            malformed.add(new Violation(at + "/" + field, "must be an integer of at least 0"));
        }
    }

    private void positiveInteger(JsonNode parent, String at, String field) {
        JsonNode value = required(parent, at, field);
        if (value != null && (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1)) {
            malformed.add(new Violation(at + "/" + field, "must be an integer of at least 1"));
        }
    }

    /** An amount is a decimal string at most at the currency's minor unit: no binary floating point, ever. */
    private BigDecimal requiredAmount(JsonNode parent, String at, String field) {
        JsonNode value = required(parent, at, field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || !AMOUNT.matcher(value.textValue()).matches()) {
            malformed.add(new Violation(at + "/" + field, "must be a decimal string such as \"24.99\", not "
                    + value));
            return null;
        }
        BigDecimal amount = new BigDecimal(value.textValue());
        if (minorUnits >= 0 && amount.scale() > minorUnits) {
            malformed.add(new Violation(at + "/" + field, value.textValue() + " has more decimals than the currency's "
                    + minorUnits));
        }
        return amount;
    }

    private static BigDecimal amount(JsonNode parent, String field) {
        return new BigDecimal(parent.get(field).textValue());
    }
}
