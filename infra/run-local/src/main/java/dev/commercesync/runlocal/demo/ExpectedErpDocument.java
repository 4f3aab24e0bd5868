package dev.commercesync.runlocal.demo;

import java.time.Instant;

/**
 * An ERP document the feed should leave behind: one per valid order, holding its latest version.
 *
 * @param externalReference the order key, which the ERP stores as the document's external reference
 * @param sourceVersion     the latest version delivered, whatever order the versions arrived in
 */
public record ExpectedErpDocument(String externalReference, Instant sourceVersion) {
}
