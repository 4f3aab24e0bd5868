package dev.commercesync.model.order;

import java.util.Objects;

/**
 * Identifies one order across the whole system: the channel plus the channel's own order id. Its text form
 * ({@code shopify:450789469}) is the DynamoDB key of the order state, the SQS FIFO message group and the
 * external reference the ERP stores, so it never changes for the life of the order.
 */
public record ChannelOrderKey(SalesChannel channel, String channelOrderId) {

    public ChannelOrderKey {
        Objects.requireNonNull(channel, "channel");
        if (channelOrderId == null || channelOrderId.isBlank()) {
            throw new IllegalArgumentException("channelOrderId is required");
        }
    }

    public static ChannelOrderKey parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not an order key: " + text);
        }
        SalesChannel channel = SalesChannel.fromId(text.substring(0, colon))
                .orElseThrow(() -> new IllegalArgumentException("unknown channel in order key: " + text));
        return new ChannelOrderKey(channel, text.substring(colon + 1));
    }

    public String value() {
        return channel.id() + ":" + channelOrderId;
    }

    @Override
    public String toString() {
        return value();
    }
}
