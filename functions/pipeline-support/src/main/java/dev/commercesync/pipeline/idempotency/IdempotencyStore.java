package dev.commercesync.pipeline.idempotency;

/** Remembers which events were processed. One conditional write per claim. */
public interface IdempotencyStore {
    ClaimResult claim(IdempotencyClaim claim);
}
