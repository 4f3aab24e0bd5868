package dev.commercesync.pipeline.idempotency;

import java.time.Instant;

/** What an idempotency claim found. Exhaustive: every caller decides for each case. */
public sealed interface ClaimResult {

    /** Nobody had the key: go on. */
    record FirstSeen() implements ClaimResult {
    }

    /**
     * The key was claimed by this very SQS message in an earlier attempt that did not finish (crash, timeout):
     * the work must be completed, not skipped, or the event would be lost.
     */
    record Replay(Instant firstSeenAt) implements ClaimResult {
    }

    /** The same event with the same content was already processed: acknowledge and count it. */
    record Duplicate(Instant firstSeenAt) implements ClaimResult {
    }

    /** The same key arrived with different content: something upstream changed an event without a new version. */
    record Conflict(String existingHash, Instant firstSeenAt) implements ClaimResult {
    }

    /**
     * The rule, kept free of storage: how a claim relates to the record already stored under its key.
     */
    static ClaimResult against(IdempotencyClaim claim, String storedHash, String storedMessageId, Instant storedAt) {
        if (!claim.payloadHash().equals(storedHash)) {
            return new Conflict(storedHash, storedAt);
        }
        if (claim.messageId() != null && claim.messageId().equals(storedMessageId)) {
            return new Replay(storedAt);
        }
        return new Duplicate(storedAt);
    }
}
