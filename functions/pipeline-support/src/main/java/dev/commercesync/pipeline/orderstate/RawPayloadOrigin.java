package dev.commercesync.pipeline.orderstate;

import java.time.Instant;

/**
 * Where the kept raw payload of a mapping failure came from: what a retry needs to rebuild the raw-order event as
 * ingest first sent it (the event type is part of the idempotency key; Shopify's mapper reads the shop).
 *
 * @param exceptionAt when the mapping failure it belongs to was recorded ({@link OrderException#at()}): only the
 *                    latest failure's payload is kept, and this says which one that is
 */
public record RawPayloadOrigin(Instant exceptionAt, Instant receivedAt, String channelEventId, String channelEventType,
                               String storefrontId) {
}
