package dev.commercesync.map.channel;

import dev.commercesync.model.order.CanonicalOrder;

import java.util.Objects;

/** What mapping one raw order came to: a canonical order that reconciles, or the reason it cannot go on. */
public sealed interface MappingOutcome {

    /** The order mapped and its totals add up: it may go to dedupe. */
    record Mapped(CanonicalOrder order) implements MappingOutcome {
        public Mapped {
            Objects.requireNonNull(order, "order");
        }
    }

    /**
     * The order cannot go on. {@code reason} names the fault precisely enough for an operator to act without opening
     * the payload, and never contains buyer data.
     */
    record Rejected(String reason) implements MappingOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
