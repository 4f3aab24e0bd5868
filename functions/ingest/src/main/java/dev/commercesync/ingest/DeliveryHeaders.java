package dev.commercesync.ingest;

import dev.commercesync.model.order.SalesChannel;

import java.util.function.UnaryOperator;

/**
 * What a channel says about a delivery in its headers, for {@code RawOrderReceived}. Shopify's signature covers the
 * body only, so these values are unauthenticated even on a signed webhook: they are kept short and printable and
 * used for tracing, never for decisions.
 *
 * @param eventId      the channel's delivery id (Shopify {@code X-Shopify-Webhook-Id}), else null
 * @param eventType    the channel's event name (Shopify {@code X-Shopify-Topic}), else {@code order}
 * @param storefrontId the shop the delivery came from (Shopify {@code X-Shopify-Shop-Domain}), else null
 */
public record DeliveryHeaders(String eventId, String eventType, String storefrontId) {

    public static final String SHOPIFY_HMAC = "X-Shopify-Hmac-Sha256";
    public static final String SHOPIFY_WEBHOOK_ID = "X-Shopify-Webhook-Id";
    public static final String SHOPIFY_TOPIC = "X-Shopify-Topic";
    public static final String SHOPIFY_SHOP_DOMAIN = "X-Shopify-Shop-Domain";

    /** The event type of channels that send no event name: the body is simply the order. */
    public static final String PLAIN_ORDER = "order";

    private static final int MAX_LENGTH = 256;

    /** @param header header value by name, case-insensitive, null when absent */
    public static DeliveryHeaders read(SalesChannel channel, UnaryOperator<String> header) {
        return switch (channel) {
            case SHOPIFY -> {
                String topic = printable(header.apply(SHOPIFY_TOPIC));
                yield new DeliveryHeaders(printable(header.apply(SHOPIFY_WEBHOOK_ID)),
                        topic == null ? PLAIN_ORDER : topic, printable(header.apply(SHOPIFY_SHOP_DOMAIN)));
            }
            case AMAZON, EBAY -> new DeliveryHeaders(null, PLAIN_ORDER, null);
        };
    }

    private static String printable(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        boolean plausible = !text.isEmpty() && text.length() <= MAX_LENGTH
                && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return plausible ? text : null;
    }
}
