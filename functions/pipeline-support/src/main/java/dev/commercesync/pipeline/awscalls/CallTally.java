package dev.commercesync.pipeline.awscalls;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of AWS calls by service and operation. Adding is a map lookup and a few {@link LongAdder}
 * increments, so it is cheap enough to stay on in production; nothing here knows the SDK.
 */
public final class CallTally {

    private final ConcurrentMap<String, ConcurrentMap<String, Counters>> byService = new ConcurrentHashMap<>();
    private final LongAdder changes = new LongAdder();

    /** Adds {@code figures} to the operation's totals. */
    public void add(String service, String operation, CallFigures figures) {
        Counters counters = byService.computeIfAbsent(service, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(operation, o -> new Counters());
        counters.add(figures);
        changes.increment();
    }

    /** How many times {@link #add} ran: a writer compares it to know whether anything changed since it last wrote. */
    public long changes() {
        return changes.sum();
    }

    /** The totals now, service then operation, both sorted. Not atomic across operations (each counter is). */
    public Map<String, Map<String, CallFigures>> snapshot() {
        Map<String, Map<String, CallFigures>> copy = new TreeMap<>();
        byService.forEach((service, operations) -> {
            Map<String, CallFigures> ops = new TreeMap<>();
            operations.forEach((operation, counters) -> ops.put(operation, counters.figures()));
            copy.put(service, ops);
        });
        return copy;
    }

    private static final class Counters {
        private final LongAdder calls = new LongAdder();
        private final LongAdder attempts = new LongAdder();
        private final LongAdder failures = new LongAdder();
        private final LongAdder payloadChunks = new LongAdder();
        private final LongAdder itemsWritten = new LongAdder();
        private final LongAdder itemsRead = new LongAdder();
        private final LongAdder capacityMilli = new LongAdder();

        void add(CallFigures f) {
            calls.add(f.calls());
            attempts.add(f.attempts());
            failures.add(f.failures());
            payloadChunks.add(f.payloadChunks());
            itemsWritten.add(f.itemsWritten());
            itemsRead.add(f.itemsRead());
            capacityMilli.add(f.capacityMilli());
        }

        CallFigures figures() {
            return new CallFigures(calls.sum(), attempts.sum(), failures.sum(), payloadChunks.sum(),
                    itemsWritten.sum(), itemsRead.sum(), capacityMilli.sum());
        }
    }
}
