package dev.commercesync.model.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of the available stock one channel listing may offer.
 *
 * @param bufferUnits       units kept back from this channel (a safety stock against its own latency)
 * @param allocationPercent share of what remains that this channel may offer, 0..100, rounded down
 * @param maxQuantity       most units ever offered on this channel; null for no cap
 */
public record ListingRule(int bufferUnits, int allocationPercent, Integer maxQuantity) {

    /** Offer everything available, no buffer, no cap. */
    public static final ListingRule ALL = new ListingRule(0, 100, null);

    /**
     * Reads a rule from JSON with the defaults of {@link #ALL} for what it leaves out: a rule sent as
     * {@code {"bufferUnits": 2}} must keep offering everything else, not 0 % of it (a missing {@code int} would be 0).
     */
    @JsonCreator
    static ListingRule fromJson(@JsonProperty("bufferUnits") Integer bufferUnits,
                                @JsonProperty("allocationPercent") Integer allocationPercent,
                                @JsonProperty("maxQuantity") Integer maxQuantity) {
        return new ListingRule(bufferUnits == null ? ALL.bufferUnits : bufferUnits,
                allocationPercent == null ? ALL.allocationPercent : allocationPercent, maxQuantity);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (bufferUnits < 0) {
            problems.add("bufferUnits must not be negative");
        }
        if (allocationPercent < 0 || allocationPercent > 100) {
            problems.add("allocationPercent must be between 0 and 100");
        }
        if (maxQuantity != null && maxQuantity < 0) {
            problems.add("maxQuantity must not be negative");
        }
        return problems;
    }
}
