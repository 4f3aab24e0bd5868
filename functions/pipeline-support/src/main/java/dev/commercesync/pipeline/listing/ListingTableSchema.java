package dev.commercesync.pipeline.listing;

/**
 * Names in the listing table that the code relies on. {@code infra/template.yaml} must declare the same key; a build
 * test holds the template to these constants.
 */
public final class ListingTableSchema {

    /** Partition key: our SKU. */
    public static final String PARTITION_KEY = "sku";
    /** The SKU's listings as one JSON array, written with {@link dev.commercesync.model.CommerceJson}. */
    public static final String LISTINGS = "listings";
    /** Number: 1 for the first replacement, one more for each after. */
    public static final String VERSION = "version";
    /** ISO-8601 UTC instant of the last replacement. */
    public static final String UPDATED_AT = "updatedAt";

    private ListingTableSchema() {
    }
}
