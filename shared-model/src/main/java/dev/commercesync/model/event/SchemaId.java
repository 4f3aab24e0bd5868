package dev.commercesync.model.event;

/**
 * Versioned ids of the events the functions exchange. Each has a JSON Schema at {@code schemas/<id>.schema.json}
 * in this module. A breaking change gets a new id (v2) and both are served while consumers move.
 */
public final class SchemaId {

    /** A channel's order payload exactly as received, before mapping: ingest → map. */
    public static final String RAW_ORDER_V1 = "commerce.raw-order.v1";
    /** A canonical order: map → dedupe → post-to-erp. */
    public static final String ORDER_V1 = "commerce.order.v1";
    /** A stock figure from the ERP or WMS: ingest (or the source itself) → publish-inventory. */
    public static final String STOCK_V1 = "commerce.stock.v1";
    /** Units an accepted order holds until the ERP's stock reflects it: dedupe → publish-inventory. */
    public static final String STOCK_HOLD_V1 = "commerce.stock-hold.v1";
    /** A SKU's channel listings were replaced: ingest → publish-inventory. */
    public static final String LISTINGS_CHANGED_V1 = "commerce.listings-changed.v1";
    /** The quantity one channel listing should show: publish-inventory → the channel's queue. */
    public static final String CHANNEL_STOCK_V1 = "commerce.channel-stock.v1";

    private SchemaId() {
    }

    public static String schemaResource(String schemaId) {
        return "schemas/" + schemaId + ".schema.json";
    }
}
