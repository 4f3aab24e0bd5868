package dev.commercesync.model.order;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;

/**
 * A tax charged on the order. {@code rate} is a fraction (0.19 for 19 %) and, like {@code jurisdiction}, may be null
 * when the channel does not say. {@code appliesTo} tells whether it is tax on items or on shipping.
 */
public record TaxLine(
        String title,
        String jurisdiction,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate,
        Money amount,
        TaxTarget appliesTo) {

    public enum TaxTarget { ITEMS, SHIPPING }
}
