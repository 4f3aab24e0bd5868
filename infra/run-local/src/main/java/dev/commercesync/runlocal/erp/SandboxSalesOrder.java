package dev.commercesync.runlocal.erp;

import java.time.Instant;

/**
 * One sales-order document the sandbox ERP holds.
 *
 * @param documentId        the ERP's number, {@code SO-100001} upwards in creation order
 * @param externalReference the order key it was created for
 * @param sourceVersion     the marketplace version it holds now
 * @param createdAt         when the create committed it
 * @param updatedAt         when a version last changed it (createdAt until an update applies)
 * @param versionCount      versions it has held: 1 after the create, one more per applied update
 * @param status            the order status of the version it holds
 * @param currency          ISO 4217 code of its amounts
 * @param grandTotal        what the buyer paid, as the decimal string it was posted with
 * @param salesOrderJson    the request body of the version it holds, exactly as posted
 */
public record SandboxSalesOrder(String documentId, String externalReference, Instant sourceVersion,
                                Instant createdAt, Instant updatedAt, int versionCount, String status,
                                String currency, String grandTotal, String salesOrderJson) {
}
