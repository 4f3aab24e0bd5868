package dev.commercesync.model.inventory;

import dev.commercesync.model.event.GroupedPayload;

import java.time.Instant;

/**
 * Units of one SKU an accepted order needs that the ERP's stock may not show yet: payload of
 * {@value dev.commercesync.model.event.SchemaId#STOCK_HOLD_V1}, sent by dedupe for every SKU of every order version
 * it accepts. A later version replaces an earlier one (quantity 0 when the order was cancelled); the hold ends once
 * a stock figure as of a time after the ERP confirmed the order has been applied.
 *
 * @param orderKey     {@link dev.commercesync.model.order.ChannelOrderKey} text form
 * @param orderVersion the order version's source timestamp; holds of older versions never replace newer ones
 * @param sku          our SKU
 * @param quantity     units of the SKU the version needs, summed over its lines; 0 releases
 * @param acceptedAt   when dedupe accepted the version
 */
public record StockHold(String orderKey, Instant orderVersion, String sku, long quantity, Instant acceptedAt)
        implements GroupedPayload {

    public String idempotencyKey() {
        return "hold:" + orderKey + ":" + orderVersion + ":" + sku;
    }

    @Override
    public String messageGroup() {
        return StockKeys.group(sku);
    }
}
