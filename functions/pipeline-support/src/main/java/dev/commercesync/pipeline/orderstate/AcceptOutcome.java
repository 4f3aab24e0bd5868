package dev.commercesync.pipeline.orderstate;

import java.time.Instant;

/** What accepting a channel version of an order did. */
public sealed interface AcceptOutcome {

    /** This version is now the order's latest and is pending the ERP. */
    record Accepted(long version) implements AcceptOutcome {
    }

    /** This very event was accepted before (a replay of unfinished work): carry on forwarding it. */
    record AlreadyAccepted(long version) implements AcceptOutcome {
    }

    /** A version at least as new is already accepted; this one must not overwrite it. */
    record Stale(Instant current) implements AcceptOutcome {
    }
}
