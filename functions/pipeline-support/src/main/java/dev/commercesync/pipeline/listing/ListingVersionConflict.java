package dev.commercesync.pipeline.listing;

/** A replacement expected a version of the SKU's listings that is no longer (or not yet) the stored one. */
public class ListingVersionConflict extends RuntimeException {

    private final String sku;
    private final long expectedVersion;
    private final long currentVersion;

    public ListingVersionConflict(String sku, long expectedVersion, long currentVersion) {
        super("listings of " + sku + " are at version " + currentVersion + ", not " + expectedVersion);
        this.sku = sku;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public String sku() {
        return sku;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The stored version; 0 when the SKU has no listings. */
    public long currentVersion() {
        return currentVersion;
    }
}
