package dev.commercesync.runlocal.erp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The running counts behind {@link SandboxErpStats}; safe to bump from every request thread. */
final class CallCounters {

    final LongAdder requests = new LongAdder();
    final LongAdder finds = new LongAdder();
    final LongAdder creates = new LongAdder();
    final LongAdder createRequestsForExistingReference = new LongAdder();
    final LongAdder idempotentReplays = new LongAdder();
    final LongAdder updates = new LongAdder();
    final LongAdder unchangedUpdates = new LongAdder();
    final LongAdder staleUpdates = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder unauthorized = new LongAdder();
    private final Map<FaultKind, LongAdder> faults = new EnumMap<>(FaultKind.class);

    CallCounters() {
        for (FaultKind kind : FaultKind.values()) {
            faults.put(kind, new LongAdder());
        }
    }

    void fault(FaultKind kind) {
        faults.get(kind).increment();
    }

    SandboxErpStats snapshot() {
        Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
        faults.forEach((kind, count) -> injected.put(kind, count.sum()));
        return new SandboxErpStats(requests.sum(), finds.sum(), creates.sum(),
                createRequestsForExistingReference.sum(), idempotentReplays.sum(), updates.sum(),
                unchangedUpdates.sum(), staleUpdates.sum(), rejected.sum(), unauthorized.sum(), injected);
    }
}
