package dev.commercesync.ingest;

import dev.commercesync.model.inventory.SkuListings;
import dev.commercesync.pipeline.http.ProblemDetails.FieldProblem;

import java.util.List;

/** What became of a replacement of a SKU's listings. */
public sealed interface ListingUpdateOutcome {

    /** Stored, and publish-inventory told so. */
    record Applied(SkuListings listings) implements ListingUpdateOutcome {
    }

    /** Stored, but the inventory queue did not take the change: channels keep their quantities until it does. */
    record StoredNotApplied(SkuListings listings) implements ListingUpdateOutcome {
    }

    /** The body is not JSON or not of the documented shape, or If-Match is not a version; nothing was stored. */
    record Malformed(String detail) implements ListingUpdateOutcome {
    }

    /** Some listings are not valid; nothing was stored. */
    record Invalid(List<FieldProblem> problems) implements ListingUpdateOutcome {
    }

    /** The body is larger than a request may be; nothing was stored. */
    record TooLarge(String detail) implements ListingUpdateOutcome {
    }

    /** If-Match named another version than the stored one ({@code currentVersion}, 0 for none); nothing was stored. */
    record VersionConflict(long expectedVersion, long currentVersion) implements ListingUpdateOutcome {
    }
}
