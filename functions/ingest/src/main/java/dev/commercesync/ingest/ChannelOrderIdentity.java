package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.model.order.SalesChannel;

/**
 * The channel's own order id, read from the body as each channel sends it, or the reason it cannot be read. The id
 * becomes the order key (DynamoDB key, FIFO message group, ERP reference), so it must be present and plausible.
 */
public sealed interface ChannelOrderIdentity {

    /** Longer than any channel's ids (Shopify: 64-bit integers, Amazon: 19 characters, eBay: under 40). */
    int MAX_LENGTH = 128;

    record Found(String channelOrderId) implements ChannelOrderIdentity {
    }

    /** @param reason names the field and the fault, e.g. {@code order.AmazonOrderId is missing} */
    record Missing(String reason) implements ChannelOrderIdentity {
    }

    static ChannelOrderIdentity of(SalesChannel channel, JsonNode body) {
        if (body == null || !body.isObject()) {
            return new Missing("body is not a JSON object");
        }
        return switch (channel) {
            // Shopify order ids are 64-bit integers (orders/create, orders/updated: "id").
            case SHOPIFY -> integerId(body.get("id"), "id");
            // Ingest's Amazon body wraps the SP-API Orders v0 Order with its items: {"order": {...}, "orderItems": [...]}.
            case AMAZON -> {
                JsonNode order = body.get("order");
                if (order == null || order.isNull()) {
                    yield new Missing("order is missing");
                }
                if (!order.isObject()) {
                    yield new Missing("order is not a JSON object");
                }
                yield textId(order.get("AmazonOrderId"), "order.AmazonOrderId");
            }
            // Fulfillment API getOrder: "orderId".
            case EBAY -> textId(body.get("orderId"), "orderId");
        };
    }

    private static ChannelOrderIdentity integerId(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return new Missing(field + " is missing");
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().signum() > 0
                    ? new Found(node.bigIntegerValue().toString())
                    : new Missing(field + " must be a positive integer");
        }
        // Some relays quote large integers to protect them from JavaScript's doubles; accept the digits.
        if (node.isTextual() && node.asText().matches("[1-9][0-9]{0,19}")) {
            return new Found(node.asText());
        }
        return new Missing(field + " must be a positive integer");
    }

    private static ChannelOrderIdentity textId(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return new Missing(field + " is missing");
        }
        if (!node.isTextual()) {
            return new Missing(field + " must be a string");
        }
        String id = node.asText().strip();
        if (id.isEmpty()) {
            return new Missing(field + " is empty");
        }
        if (id.length() > MAX_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return new Missing(field + " is not a plausible order id (printable ASCII, at most " + MAX_LENGTH
                    + " characters)");
        }
        return new Found(id);
    }
}
