package dev.commercesync.pipeline.listing;

import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.inventory.SkuListings;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every SKU's channel listings, replaced as a whole and versioned for optimistic concurrency. The DynamoDB adapter is
 * {@link DynamoDbListingStore}. Reads are strongly consistent: a consumer told of a new version must see it.
 */
public interface ListingStore {

    /** The SKU's listings, or empty when none were ever stored. */
    Optional<SkuListings> find(String sku);

    /**
     * The listings of each given SKU that has any, keyed by SKU; SKUs without listings are absent from the map.
     * Duplicates in {@code skus} are read once.
     */
    Map<String, SkuListings> findAll(Collection<String> skus);

    /**
     * Replaces the SKU's listings, as version {@code current + 1} (1 for the first).
     *
     * @param expectedVersion the version the caller read (0: the SKU must have no listings yet); empty to replace
     *                        whatever is stored
     * @return what is now stored
     * @throws ListingVersionConflict when {@code expectedVersion} is given and is not the stored version
     */
    SkuListings replace(String sku, List<ChannelListing> listings, OptionalLong expectedVersion, Instant now);
}
