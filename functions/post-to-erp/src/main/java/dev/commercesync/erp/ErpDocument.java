package dev.commercesync.erp;

import java.time.Instant;

/**
 * A sales order as the ERP holds it.
 *
 * @param documentId        the ERP's own number for it (e.g. {@code SO-1001}), recorded on the order state
 * @param externalReference the order key it was created with
 * @param sourceVersion     the channel version of the order the ERP holds; null when the ERP did not say, which
 *                          counts as older than any version
 */
public record ErpDocument(String documentId, String externalReference, Instant sourceVersion) {

    /** True when the ERP holds {@code version} or a newer one. */
    public boolean holdsAtLeast(Instant version) {
        return sourceVersion != null && !sourceVersion.isBefore(version);
    }
}
