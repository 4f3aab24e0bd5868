package dev.commercesync.model.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The marketplaces and storefronts orders come from. The id is the path segment and the JSON form. */
public enum SalesChannel {
    SHOPIFY("shopify"),
    AMAZON("amazon"),
    EBAY("ebay");

    private final String id;

    SalesChannel(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<SalesChannel> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst();
    }

    @JsonCreator
    static SalesChannel fromJson(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown channel: " + id));
    }
}
