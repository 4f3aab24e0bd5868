package dev.commercesync.dedupe;

import dev.commercesync.pipeline.idempotency.ClaimResult;
import dev.commercesync.pipeline.orderstate.AcceptOutcome;

/**
 * What dedupe does with one canonical order event — the rules, kept free of storage and messaging.
 * First the event's idempotency key is claimed; only a first sighting (or a replay of our own unfinished work)
 * goes on to the order's version check; only a version newer than the accepted one is forwarded.
 */
public enum DedupeVerdict {
    /** New version: forward to the ERP posting queue. */
    FORWARD,
    /** The same event with the same content was seen before: acknowledge and count. */
    DUPLICATE,
    /** The same event key with different content: record a conflict on the order, forward nothing. */
    CONFLICT,
    /** A version at least as new is already accepted: record that it was ignored, forward nothing. */
    STALE;

    /** The verdict from the idempotency claim alone; null means "check the order's version next". */
    public static DedupeVerdict afterClaim(ClaimResult claim) {
        // Java 17 has no pattern switch; the sealed hierarchy keeps this list complete.
        if (claim instanceof ClaimResult.FirstSeen || claim instanceof ClaimResult.Replay) {
            return null;
        }
        if (claim instanceof ClaimResult.Duplicate) {
            return DUPLICATE;
        }
        if (claim instanceof ClaimResult.Conflict) {
            return CONFLICT;
        }
        throw new IllegalArgumentException("unknown claim result " + claim);
    }

    public static DedupeVerdict afterVersionCheck(AcceptOutcome outcome) {
        // AlreadyAccepted: our own earlier attempt accepted it but may have died before forwarding, so forward
        // again; post-to-erp and the FIFO deduplication id make the second send harmless.
        if (outcome instanceof AcceptOutcome.Accepted || outcome instanceof AcceptOutcome.AlreadyAccepted) {
            return FORWARD;
        }
        if (outcome instanceof AcceptOutcome.Stale) {
            return STALE;
        }
        throw new IllegalArgumentException("unknown accept outcome " + outcome);
    }
}
