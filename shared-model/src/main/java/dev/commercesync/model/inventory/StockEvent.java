package dev.commercesync.model.inventory;

import dev.commercesync.model.event.GroupedPayload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stock figure from the system of record (ERP or WMS) for one SKU at one location: payload of
 * {@value dev.commercesync.model.event.SchemaId#STOCK_V1}.
 *
 * <p>Figures of one SKU and location are ordered by {@code sequence} when the source numbers them, otherwise by
 * {@code asOf}; a source uses one or the other for a given SKU. An event older than (or equal to) one already applied
 * is dropped, so repeats and out-of-order deliveries never move stock backwards.
 *
 * @param sku        our SKU (the ERP item number)
 * @param locationId the source's location; {@value #DEFAULT_LOCATION} when the source has one stock pool
 * @param onHand     units on hand; may be negative where the ERP allows it (treated as none available)
 * @param reserved   units the source itself holds back (picked, allocated to other channels); 0 when not sent
 * @param sequence   the source's per-SKU (and location) counter, increasing with every change; null if it sends asOf
 * @param asOf       when the source's figure was true; when the source sends only a sequence, the time ingest
 *                   received the figure. Orders posted to the ERP before this instant are reflected in it
 * @param source     which system sent it ({@code erp}, {@code wms-east}), for the audit trail
 */
public record StockEvent(String sku, String locationId, long onHand, long reserved, Long sequence, Instant asOf,
                         String source) implements GroupedPayload {

    public static final String DEFAULT_LOCATION = "default";
    public static final int MAX_SKU_LENGTH = 200;

    public StockEvent {
        locationId = locationId == null || locationId.isBlank() ? DEFAULT_LOCATION : locationId;
    }

    /** Every reason this figure cannot be applied; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (sku == null || sku.isBlank()) {
            problems.add("sku is required");
        } else if (sku.length() > MAX_SKU_LENGTH) {
            problems.add("sku is longer than " + MAX_SKU_LENGTH + " characters");
        }
        if (reserved < 0) {
            problems.add("reserved must not be negative");
        }
        if (sequence == null && asOf == null) {
            problems.add("sequence or asOf is required, so that older figures can be told from newer ones");
        }
        if (sequence != null && sequence < 0) {
            problems.add("sequence must not be negative");
        }
        if (source == null || source.isBlank()) {
            problems.add("source is required");
        }
        return problems;
    }

    /** The key an exact repeat of this figure shares with the original. */
    public String idempotencyKey() {
        return "stock:" + source + ":" + sku + ":" + locationId + ":" + (sequence != null ? "seq-" + sequence : asOf);
    }

    @Override
    public String messageGroup() {
        return StockKeys.group(sku);
    }
}
