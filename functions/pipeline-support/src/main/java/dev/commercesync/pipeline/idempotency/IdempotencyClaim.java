package dev.commercesync.pipeline.idempotency;

import java.time.Instant;

/**
 * An attempt to be the first to process an event.
 *
 * @param key         the event's idempotency key (channel, order id, channel event, source version)
 * @param payloadHash SHA-256 of the canonical payload, so a changed payload under the same key is caught
 * @param orderKey    the order the event belongs to
 * @param messageId   the SQS message id carrying it: a redelivery of the same message is a replay of our own
 *                    unfinished work, not a duplicate from the channel
 * @param at          when the claim is made
 * @param expiresAt   when the key may be forgotten (DynamoDB TTL)
 */
public record IdempotencyClaim(String key, String payloadHash, String orderKey, String messageId, Instant at,
                               Instant expiresAt) {
}
