package dev.commercesync.erp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An ERP that keeps the contract's promises in memory: one document per external reference (a second create answers
 * the existing one), updates only to a newer version. Counts the calls, so tests can say "created once".
 */
final class InMemoryErp implements ErpGateway {

    private final Map<String, ErpDocument> byReference = new HashMap<>();
    private int nextNumber = 1001;
    int finds;
    int creates;
    int updates;
    /** When set, the next find answers "none" whatever is stored (a lookup racing a concurrent create). */
    boolean missNextFind;

    /** What the ERP holds before the test starts, e.g. after an earlier attempt whose answer was lost. */
    ErpDocument holds(String reference, java.time.Instant version) {
        ErpDocument document = new ErpDocument("SO-" + nextNumber++, reference, version);
        byReference.put(reference, document);
        return document;
    }

    Optional<ErpDocument> document(String reference) {
        return Optional.ofNullable(byReference.get(reference));
    }

    @Override
    public Optional<ErpDocument> findByExternalReference(String externalReference) {
        finds++;
        if (missNextFind) {
            missNextFind = false;
            return Optional.empty();
        }
        return document(externalReference);
    }

    @Override
    public ErpDocument create(ErpSalesOrder order) {
        creates++;
        ErpDocument existing = byReference.get(order.externalReference());
        if (existing != null) {
            return existing;
        }
        ErpDocument created = new ErpDocument("SO-" + nextNumber++, order.externalReference(), order.sourceVersion());
        byReference.put(order.externalReference(), created);
        return created;
    }

    @Override
    public ErpDocument update(String documentId, ErpSalesOrder order) {
        updates++;
        ErpDocument held = byReference.get(order.externalReference());
        if (held == null || !held.documentId().equals(documentId)) {
            throw new ErpRejectedException(404, "no document " + documentId);
        }
        if (held.holdsAtLeast(order.sourceVersion())) {
            return held;
        }
        ErpDocument updated = new ErpDocument(documentId, order.externalReference(), order.sourceVersion());
        byReference.put(order.externalReference(), updated);
        return updated;
    }
}
