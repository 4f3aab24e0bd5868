package dev.commercesync.model.order;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;

/**
 * A tax charged on the order. {@code rate} is a fraction (0.19 for 19 %) and, like {@code jurisdiction}, may be null
 * when the channel does not say. {@code appliesTo} tells whether it is tax on items or on shipping.
 * <p>
 * {@code remittedByMarketplace} is true when the marketplace, not the seller, collects the tax and pays it to the
 * authority (eBay "Collect and Remit", Amazon "MarketplaceFacilitator", Shopify {@code channel_liable}). Such tax is
 * part of what the buyer paid, so it stays in the totals, but the ERP must book it to a clearing account rather than
 * to the seller's own tax liability.
 */
public record TaxLine(
        String title,
        String jurisdiction,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate,
        Money amount,
        TaxTarget appliesTo,
        boolean remittedByMarketplace) {

    public enum TaxTarget { ITEMS, SHIPPING }

    /** A tax the seller remits: the common case, and the shape the model had before marketplace remittance. */
    public TaxLine(String title, String jurisdiction, BigDecimal rate, Money amount, TaxTarget appliesTo) {
        this(title, jurisdiction, rate, amount, appliesTo, false);
    }
}
