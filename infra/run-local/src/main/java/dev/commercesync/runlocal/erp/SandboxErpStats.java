package dev.commercesync.runlocal.erp;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the sandbox ERP has been asked and how it answered, for the demo summary and for tests.
 *
 * @param requests                          calls on the contract's endpoints, faulted ones included
 * @param finds                             lookups by external reference answered 200
 * @param creates                           documents created (201)
 * @param createRequestsForExistingReference creates for a reference the ERP already held: answered 409, 200 for a
 *                                          repeated {@code Idempotency-Key}, or (lax uniqueness) a second
 *                                          document. The pipeline looks before it creates, so this stays 0 unless a
 *                                          lookup and a create raced
 * @param idempotentReplays                 of those, creates answered 200 with the original document because their
 *                                          {@code Idempotency-Key} had been seen
 * @param updates                           updates that applied a newer version
 * @param unchangedUpdates                  updates with the version the document holds already (200, nothing done)
 * @param staleUpdates                      updates older than the version held (409)
 * @param rejected                          calls on {@code /sales-orders} refused as malformed or for a business
 *                                          reason (400, 404, 405, 415, 422)
 * @param unauthorized                      calls without the right API key (401)
 * @param faultsInjected                    injected faults by kind, every kind present
 */
public record SandboxErpStats(long requests, long finds, long creates, long createRequestsForExistingReference,
                              long idempotentReplays, long updates, long unchangedUpdates, long staleUpdates,
                              long rejected, long unauthorized, Map<FaultKind, Long> faultsInjected) {

    public SandboxErpStats {
        Map<FaultKind, Long> complete = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            complete.put(kind, faultsInjected == null ? 0L : faultsInjected.getOrDefault(kind, 0L));
        }
        faultsInjected = Map.copyOf(complete);
    }

    public long faultsInjected(FaultKind kind) {
        return faultsInjected.get(kind);
    }
}
