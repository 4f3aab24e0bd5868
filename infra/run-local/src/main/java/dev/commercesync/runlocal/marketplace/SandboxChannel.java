package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** One sandbox marketplace: its API under {@code /<channel>}, its listings, its faults' answers and its counters. */
interface SandboxChannel {

    SalesChannel channel();

    /** The path prefix the channel's API lives under: {@code /shopify}, {@code /amazon}, {@code /ebay}. */
    default String prefix() {
        return "/" + channel().id();
    }

    ChannelCounters counters();

    /** Answers a call on the channel's API once no injected fault struck it. */
    Answer handle(Call call);

    /** Token endpoints are spared by a throttle storm (an outage takes them down too). */
    boolean isTokenCall(Call call);

    /** The channel's answer while it is down: 503 in its own error format. */
    Answer outage();

    /** The channel's answer to a call a throttle storm refuses. */
    Answer throttleStorm(Call call);

    /** Seeds one listing from the admin route's JSON; {@link IllegalArgumentException} names what is wrong. */
    ObjectNode seed(JsonNode listing);

    /**
     * The quantity the channel shows for {@code sku}, summed over every account (and Shopify location) listing it.
     *
     * @param account    only this account (shop, seller id, eBay account), or null for all
     * @param locationId only this Shopify location gid, or null for all; ignored by Amazon and eBay
     */
    OptionalLong quantity(String sku, String account, String locationId);

    /** This channel's part of the {@code MARKETPLACE_CREDENTIALS} document: every account it knows. */
    ObjectNode credentials();

    /** Extra detail for the admin inventory check (eBay: offer quantities); empty by default. */
    default void describe(String sku, String account, String locationId, ObjectNode into) {
    }

    static String requireText(JsonNode listing, String field) {
        JsonNode value = listing.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(field + " is required (a non-blank string)");
        }
        return value.textValue();
    }

    static long requireQuantity(JsonNode listing, String field) {
        JsonNode value = listing.get(field);
        if (value == null || !value.isIntegralNumber() || value.longValue() < 0) {
            throw new IllegalArgumentException(field + " is required (a whole number, 0 or more)");
        }
        return value.longValue();
    }

    static List<String> requireTexts(JsonNode listing, String field) {
        JsonNode values = listing.get(field);
        if (values == null || !values.isArray()) {
            throw new IllegalArgumentException(field + " is required (an array of strings)");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw new IllegalArgumentException(field + " must hold non-blank strings only");
            }
            texts.add(value.textValue());
        }
        return texts;
    }

    static String requireNotBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
