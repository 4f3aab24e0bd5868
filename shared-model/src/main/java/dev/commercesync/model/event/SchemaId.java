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

    private SchemaId() {
    }

    public static String schemaResource(String schemaId) {
        return "schemas/" + schemaId + ".schema.json";
    }
}
