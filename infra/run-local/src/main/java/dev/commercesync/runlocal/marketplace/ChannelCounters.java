package dev.commercesync.runlocal.marketplace;

import java.util.concurrent.atomic.LongAdder;

/** The running counts behind one channel's {@link MarketplaceStats}; safe to bump from every request thread. */
final class ChannelCounters {

    final LongAdder calls = new LongAdder();
    final LongAdder updatesApplied = new LongAdder();
    final LongAdder casConflicts = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder tokenGrants = new LongAdder();

    MarketplaceStats snapshot() {
        return new MarketplaceStats(calls.sum(), updatesApplied.sum(), casConflicts.sum(), throttled.sum(),
                failed.sum(), rejected.sum(), tokenGrants.sum());
    }
}
