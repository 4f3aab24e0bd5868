package dev.commercesync.map.channel;

import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.CanonicalOrder;

import static org.assertj.core.api.Assertions.fail;

/** Runs the real map step and unwraps the outcome a test expects, failing with the other outcome's detail. */
public final class MappingOutcomes {

    private static final OrderMapping MAPPING = OrderMapping.forAllChannels();

    private MappingOutcomes() {
    }

    public static CanonicalOrder mapped(RawOrderReceived raw) {
        MappingOutcome outcome = MAPPING.map(raw);
        if (outcome instanceof MappingOutcome.Rejected rejected) {
            return fail("expected the order to map but it was rejected: " + rejected.reason());
        }
        return ((MappingOutcome.Mapped) outcome).order();
    }

    public static String rejected(RawOrderReceived raw) {
        MappingOutcome outcome = MAPPING.map(raw);
        if (outcome instanceof MappingOutcome.Mapped mapped) {
            return fail("expected a rejection but the order mapped: " + mapped.order());
        }
        return ((MappingOutcome.Rejected) outcome).reason();
    }
}
