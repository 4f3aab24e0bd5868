package dev.commercesync.erp;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.commercesync.model.order.Address;
import dev.commercesync.model.order.OrderStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of an order as the ERP books it: the {@code SalesOrder} schema of
 * {@code infra/erp/generic-erp-openapi.yaml}. Every amount is in {@link #currency()} at its minor unit and travels as
 * a decimal string. Built by {@link ErpSalesOrderMapping}.
 *
 * @param externalReference the order key ({@code shopify:5823416025378}); the ERP keeps it unique
 * @param sourceVersion     the channel's version of the order, to the millisecond (what the order state stores)
 * @param storefront        shop domain or marketplace id
 * @param status            the order's commercial status; {@code CANCELLED} on an update cancels the ERP order
 * @param shipTo            delivery address, null for digital goods
 * @param orderDiscounts    discounts on the whole order (not on a line or on shipping)
 * @param taxes             taxes by rate and jurisdiction where the channel says
 */
public record ErpSalesOrder(
        String externalReference,
        Instant sourceVersion,
        String channel,
        String channelOrderId,
        String storefront,
        Instant orderedAt,
        OrderStatus status,
        String currency,
        boolean taxesIncluded,
        Customer customer,
        Address shipTo,
        List<Line> lines,
        ShippingCharge shipping,
        List<Discount> orderDiscounts,
        List<Tax> taxes,
        Totals totals) {

    public ErpSalesOrder {
        Objects.requireNonNull(externalReference, "externalReference");
        Objects.requireNonNull(sourceVersion, "sourceVersion");
        lines = List.copyOf(lines);
        orderDiscounts = List.copyOf(orderDiscounts);
        taxes = List.copyOf(taxes);
    }

    /**
     * The {@code Idempotency-Key} of this order version's create: the same for every repetition of it, different for
     * the next version.
     */
    @JsonIgnore
    public String idempotencyKey() {
        return externalReference + "@" + sourceVersion;
    }

    /** The buyer. Name and e-mail are personal data and never appear in {@link #toString()}. */
    public record Customer(String reference, String name, String email) {
        @Override
        public String toString() {
            return "Customer[reference=" + reference + ", name=<redacted>, email=<redacted>]";
        }
    }

    /**
     * @param lineNumber     1-based position in the order
     * @param channelLineId  the channel's line id, the stable key across versions
     * @param sku            the ERP item number
     * @param unitPrice      one unit as charged (gross when taxes are included)
     * @param discountAmount all discounts on this line
     * @param lineAmount     quantity × unit price − discounts, tax never added
     */
    public record Line(
            int lineNumber,
            String channelLineId,
            String sku,
            String description,
            int quantity,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal taxAmount,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal discountAmount,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lineAmount) {
    }

    /** Shipping as charged: price before its discount, its tax, its discount. */
    public record ShippingCharge(
            String method,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal tax,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal discount) {
    }

    /** A discount; {@code amount} is positive, the amount taken off. */
    public record Discount(String code, String description,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /**
     * @param rate                  fraction (0.19 for 19 %), null when the channel does not say
     * @param appliesTo             {@code ITEMS} or {@code SHIPPING}
     * @param remittedByMarketplace the marketplace collects and pays this tax: the ERP books it to a clearing account
     */
    public record Tax(
            String title,
            String jurisdiction,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            String appliesTo,
            boolean remittedByMarketplace) {
    }

    /** The channel's totals; they reconcile (see {@code TotalsReconciliation}) or the order never gets here. */
    public record Totals(
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal subtotal,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal shipping,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal tax,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal discount,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal grandTotal) {
    }
}
