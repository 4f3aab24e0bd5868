package dev.commercesync.model.event;

import java.time.Instant;

/**
 * Payload of {@value SchemaId#RAW_ORDER_V1}: a channel's order body exactly as it arrived, so mapping can be
 * replayed after a mapper fix and a failed mapping keeps the original for the operator.
 *
 * @param channel          sales channel id
 * @param channelOrderId   the order id read from the body at intake
 * @param receivedAt       when ingest accepted it
 * @param channelEventId   the channel's delivery id where it has one (Shopify {@code X-Shopify-Webhook-Id})
 * @param channelEventType the channel's event name where it has one (Shopify {@code X-Shopify-Topic}),
 *                         else {@code order}
 * @param storefrontId     the shop the event came from where a header says (Shopify {@code X-Shopify-Shop-Domain})
 * @param body             the raw JSON body, unchanged
 */
public record RawOrderReceived(
        String channel,
        String channelOrderId,
        Instant receivedAt,
        String channelEventId,
        String channelEventType,
        String storefrontId,
        String body) {
}
