package dev.commercesync.runlocal.erp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sandbox ERP's sales-order documents. Every method holds the book's lock: the check for an existing reference
 * and the insert are one step, as the contract demands of a real ERP's unique index ("not a read-then-write check").
 * A handful of callers never make that lock a bottleneck.
 */
final class OrderBook {

    /** What a create did. */
    enum CreateVerdict {
        /** A new document (201). */
        CREATED,
        /** The {@code Idempotency-Key} was seen before for this reference: the original document (200). */
        REPLAYED,
        /** The reference is held by a document already (409). */
        EXISTS,
        /** The {@code Idempotency-Key} was seen before for another reference (422). */
        KEY_REUSED
    }

    /**
     * @param referenceExisted whether the ERP held the reference before this create, whatever it answered
     */
    record CreateResult(CreateVerdict verdict, SandboxSalesOrder document, boolean referenceExisted) {
    }

    /** What an update did. */
    enum UpdateVerdict {
        /** The newer version replaced the held one (200). */
        UPDATED,
        /** The held version is this one: nothing done (200). */
        UNCHANGED,
        /** The held version is newer: nothing done (409). */
        STALE,
        /** No such document (404). */
        NOT_FOUND,
        /** The body names another external reference than the document holds (422). */
        REFERENCE_MISMATCH
    }

    /** @param document the document after the update, null when there is none */
    record UpdateResult(UpdateVerdict verdict, SandboxSalesOrder document) {
    }

    /** The facts of a posted sales order the book keeps besides its body. */
    record Posted(String externalReference, Instant sourceVersion, String status, String currency, String grandTotal,
                  String json) {
        Posted {
            Objects.requireNonNull(externalReference, "externalReference");
            Objects.requireNonNull(sourceVersion, "sourceVersion");
        }
    }

    private static final long FIRST_DOCUMENT_NUMBER = 100_001;

    private final boolean laxUniqueness;
    private final Map<String, SandboxSalesOrder> byDocumentId = new LinkedHashMap<>();
    private final Map<String, List<String>> documentIdsByReference = new HashMap<>();
    private final Map<String, String> documentIdByIdempotencyKey = new HashMap<>();
    private long nextNumber = FIRST_DOCUMENT_NUMBER;

    OrderBook(boolean laxUniqueness) {
        this.laxUniqueness = laxUniqueness;
    }

    synchronized List<SandboxSalesOrder> find(String externalReference) {
        List<SandboxSalesOrder> found = new ArrayList<>();
        for (String id : documentIdsByReference.getOrDefault(externalReference, List.of())) {
            found.add(byDocumentId.get(id));
        }
        return List.copyOf(found);
    }

    synchronized Optional<SandboxSalesOrder> document(String documentId) {
        return Optional.ofNullable(byDocumentId.get(documentId));
    }

    /** Every document, in creation order. */
    synchronized List<SandboxSalesOrder> all() {
        return List.copyOf(byDocumentId.values());
    }

    /** @param idempotencyKey the create's {@code Idempotency-Key}; ignored under lax uniqueness */
    synchronized CreateResult create(Posted order, String idempotencyKey, Instant now) {
        List<String> held = documentIdsByReference.getOrDefault(order.externalReference(), List.of());
        boolean referenceExisted = !held.isEmpty();
        if (!laxUniqueness) {
            String keyed = documentIdByIdempotencyKey.get(idempotencyKey);
            if (keyed != null) {
                SandboxSalesOrder original = byDocumentId.get(keyed);
                CreateVerdict verdict = original.externalReference().equals(order.externalReference())
                        ? CreateVerdict.REPLAYED : CreateVerdict.KEY_REUSED;
                return new CreateResult(verdict, original, referenceExisted);
            }
            if (referenceExisted) {
                return new CreateResult(CreateVerdict.EXISTS, byDocumentId.get(held.get(0)), true);
            }
        }
        String documentId = "SO-" + nextNumber++;
        SandboxSalesOrder created = new SandboxSalesOrder(documentId, order.externalReference(),
                order.sourceVersion(), now, now, 1, order.status(), order.currency(), order.grandTotal(),
                order.json());
        byDocumentId.put(documentId, created);
        documentIdsByReference.computeIfAbsent(order.externalReference(), reference -> new ArrayList<>())
                .add(documentId);
        if (!laxUniqueness) {
            documentIdByIdempotencyKey.put(idempotencyKey, documentId);
        }
        return new CreateResult(CreateVerdict.CREATED, created, referenceExisted);
    }

    synchronized UpdateResult update(String documentId, Posted order, Instant now) {
        SandboxSalesOrder held = byDocumentId.get(documentId);
        if (held == null) {
            return new UpdateResult(UpdateVerdict.NOT_FOUND, null);
        }
        if (!held.externalReference().equals(order.externalReference())) {
            return new UpdateResult(UpdateVerdict.REFERENCE_MISMATCH, held);
        }
        int newer = order.sourceVersion().compareTo(held.sourceVersion());
        if (newer < 0) {
            return new UpdateResult(UpdateVerdict.STALE, held);
        }
        if (newer == 0) {
            return new UpdateResult(UpdateVerdict.UNCHANGED, held);
        }
        SandboxSalesOrder updated = new SandboxSalesOrder(documentId, held.externalReference(),
                order.sourceVersion(), held.createdAt(), now, held.versionCount() + 1, order.status(),
                order.currency(), order.grandTotal(), order.json());
        byDocumentId.put(documentId, updated);
        return new UpdateResult(UpdateVerdict.UPDATED, updated);
    }
}
