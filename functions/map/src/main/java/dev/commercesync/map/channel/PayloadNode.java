package dev.commercesync.map.channel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.commercesync.model.order.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One object of a channel's order body together with where it sits, so that every fault names its place:
 * {@code line 2 (sku ABC-1): quantity missing}, {@code order: OrderTotal.CurrencyCode missing}.
 * <p>
 * Amounts are read from the JSON text into {@link BigDecimal} (never through {@code double}); instants must carry a
 * UTC offset, because a local time cannot be placed on the timeline without guessing the shop's zone.
 */
public final class PayloadNode {

    // Floats as BigDecimal and trailing zeros kept: "19.90" must stay exactly 19.90. Duplicate keys are refused
    // because "which of the two totals?" has no safe answer; trailing tokens mean a truncated or concatenated body.
    private static final ObjectMapper BODY_READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final JsonNode node;
    private final String location;
    private final String prefix;

    private PayloadNode(JsonNode node, String location, String prefix) {
        this.node = node;
        this.location = location;
        this.prefix = prefix;
    }

    /** Reads a body that must be one JSON object; {@code location} names it in faults (e.g. {@code order}). */
    public static PayloadNode parse(String body, String location) throws OrderMappingException {
        if (body == null || body.isBlank()) {
            throw new OrderMappingException("body is empty");
        }
        JsonNode root;
        try {
            root = BODY_READER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new OrderMappingException("body is not valid JSON: " + e.getOriginalMessage() + where);
        }
        if (root == null || !root.isObject()) {
            throw new OrderMappingException("body is not a JSON object");
        }
        return new PayloadNode(root, location, "");
    }

    /** The same object, named differently in faults: {@code line 2 (sku ABC-1)}. */
    public PayloadNode at(String newLocation) {
        return new PayloadNode(node, newLocation, "");
    }

    public String location() {
        return location;
    }

    /** A fault about a field of this object. */
    public OrderMappingException fault(String fieldAndProblem) {
        return new OrderMappingException(location + ": " + prefix + fieldAndProblem);
    }

    /** True when the field is present and not JSON null. */
    public boolean has(String field) {
        return value(field) != null;
    }

    public Optional<PayloadNode> object(String field) throws OrderMappingException {
        JsonNode value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw fault(field + " is not an object");
        }
        return Optional.of(new PayloadNode(value, location, prefix + field + "."));
    }

    public PayloadNode requiredObject(String field) throws OrderMappingException {
        return object(field).orElseThrow(() -> fault(field + " missing"));
    }

    /** The objects of an array field; an absent or null array is empty. */
    public List<PayloadNode> array(String field) throws OrderMappingException {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fault(field + " is not an array");
        }
        List<PayloadNode> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String name = field + "[" + i + "]";
            if (element == null || !element.isObject()) {
                throw fault(name + " is not an object");
            }
            elements.add(new PayloadNode(element, location, prefix + name + "."));
        }
        return elements;
    }

    /** The objects of an array field that must hold at least one. */
    public List<PayloadNode> requiredArray(String field) throws OrderMappingException {
        if (!has(field)) {
            throw fault(field + " missing");
        }
        List<PayloadNode> elements = array(field);
        if (elements.isEmpty()) {
            throw fault(field + " is empty");
        }
        return elements;
    }

    /** The non-blank texts of an array of strings; an absent or null array is empty. */
    public List<String> texts(String field) throws OrderMappingException {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fault(field + " is not an array");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isValueNode()) {
                throw fault(field + " holds something other than text");
            }
            if (!element.asText().isBlank()) {
                texts.add(element.asText());
            }
        }
        return texts;
    }

    /** Text or a number as written; null when absent, null or blank. */
    public String text(String field) throws OrderMappingException {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isValueNode()) {
            throw fault(field + " is not text");
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    public String requiredText(String field) throws OrderMappingException {
        String text = text(field);
        if (text == null) {
            throw fault(field + " missing");
        }
        return text;
    }

    public boolean requiredBoolean(String field) throws OrderMappingException {
        JsonNode value = value(field);
        if (value == null) {
            throw fault(field + " missing");
        }
        if (!value.isBoolean()) {
            throw fault(field + " '" + value.asText() + "' is not true or false");
        }
        return value.booleanValue();
    }

    /** True only when the field is the JSON literal {@code true}; absent, null or anything else is false. */
    public boolean isTrue(String field) {
        JsonNode value = value(field);
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /**
     * How a line is named in faults: its 1-based position and the SKU the operator searches for, or the channel's
     * line id when there is no SKU: {@code line 2 (sku ABC-1)}.
     */
    public static String lineLocation(int number, String sku, String lineId) {
        if (sku != null) {
            return "line " + number + " (sku " + sku + ")";
        }
        return lineId == null ? "line " + number : "line " + number + " (id " + lineId + ")";
    }

    public Instant instant(String field) throws OrderMappingException {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw fault(field + " '" + text + "' is not an ISO-8601 date-time with a UTC offset");
        }
    }

    public Instant requiredInstant(String field) throws OrderMappingException {
        Instant instant = instant(field);
        if (instant == null) {
            throw fault(field + " missing");
        }
        return instant;
    }

    /** A count of units: a whole number, zero or more. */
    public int requiredQuantity(String field) throws OrderMappingException {
        JsonNode value = value(field);
        if (value == null) {
            throw fault(field + " missing");
        }
        BigDecimal number;
        try {
            number = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw fault(field + " '" + value.asText() + "' is not a number");
        }
        if (number.signum() < 0) {
            throw fault(field + " " + number.toPlainString() + " is negative");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw fault(field + " " + number.toPlainString() + " is not a whole number of units");
        }
    }

    /** A decimal from a JSON string or number, exactly as written; null when absent. */
    public BigDecimal decimal(String field) throws OrderMappingException {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        String text = value.isTextual() ? value.textValue().trim() : null;
        if (text == null || text.isEmpty()) {
            throw fault(field + " '" + value.asText() + "' is not a decimal amount");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw fault(field + " '" + text + "' is not a decimal amount");
        }
    }

    /** An ISO 4217 code; null when absent. */
    public String currency(String field) throws OrderMappingException {
        String code = text(field);
        if (code == null) {
            return null;
        }
        String upper = code.trim().toUpperCase(Locale.ROOT);
        Currency currency;
        try {
            currency = upper.length() == 3 ? Currency.getInstance(upper) : null;
        } catch (IllegalArgumentException e) {
            currency = null;
        }
        if (currency == null) {
            throw fault(field + " '" + code + "' is not an ISO 4217 currency code");
        }
        // XXX, XAU, XTS... are ISO 4217 codes without a minor unit: metals, funds and test codes, never a price.
        if (currency.getDefaultFractionDigits() < 0) {
            throw fault(field + " '" + code + "' is not a currency an order can be paid in");
        }
        return upper;
    }

    public String requiredCurrency(String field) throws OrderMappingException {
        String code = currency(field);
        if (code == null) {
            throw fault(field + " missing");
        }
        return code;
    }

    /** An amount in a currency the caller already knows (Shopify's plain price fields); null when absent. */
    public Money money(String field, String currency) throws OrderMappingException {
        BigDecimal amount = decimal(field);
        return amount == null ? null : Money.of(amount, currency);
    }

    public Money requiredMoney(String field, String currency) throws OrderMappingException {
        Money money = money(field, currency);
        if (money == null) {
            throw fault(field + " missing");
        }
        return money;
    }

    /**
     * This object read as an amount with its own currency ({@code {"Amount":"1.00","CurrencyCode":"EUR"}}).
     *
     * @param expectedCurrency the order's currency, which the amount must be in; null to accept any
     */
    public Money asMoney(String amountField, String currencyField, String expectedCurrency)
            throws OrderMappingException {
        String currency = requiredCurrency(currencyField);
        if (expectedCurrency != null && !expectedCurrency.equals(currency)) {
            throw fault(currencyField + " " + currency + " differs from the order currency " + expectedCurrency);
        }
        BigDecimal amount = decimal(amountField);
        if (amount == null) {
            throw fault(amountField + " missing");
        }
        return Money.of(amount, currency);
    }

    /** An amount-with-currency object field; null when absent. */
    public Money moneyObject(String field, String amountField, String currencyField, String expectedCurrency)
            throws OrderMappingException {
        Optional<PayloadNode> money = object(field);
        return money.isEmpty() ? null : money.get().asMoney(amountField, currencyField, expectedCurrency);
    }

    private JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }
}
