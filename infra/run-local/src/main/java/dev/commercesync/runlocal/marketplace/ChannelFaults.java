package dev.commercesync.runlocal.marketplace;

import dev.commercesync.model.order.SalesChannel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The fault in force per channel, each until changed or until its end on the sandbox clock. */
final class ChannelFaults {

    /** @param until when the fault ends by itself; null while it lasts until changed */
    record InForce(MarketplaceFault mode, Instant until) {
    }

    private static final InForce NONE = new InForce(MarketplaceFault.NONE, null);

    private final Clock clock;
    private final Map<SalesChannel, InForce> faults = new EnumMap<>(SalesChannel.class);

    ChannelFaults(Clock clock) {
        this.clock = clock;
    }

    /** @param lasting how long the fault lasts; null for until changed */
    synchronized InForce set(SalesChannel channel, MarketplaceFault mode, Duration lasting) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(mode, "mode");
        if (lasting != null && (lasting.isNegative() || lasting.isZero())) {
            throw new IllegalArgumentException("a fault must last a positive time: " + lasting);
        }
        InForce fault = mode == MarketplaceFault.NONE ? NONE
                : new InForce(mode, lasting == null ? null : clock.instant().plus(lasting));
        faults.put(channel, fault);
        return fault;
    }

    synchronized InForce current(SalesChannel channel) {
        InForce fault = faults.getOrDefault(channel, NONE);
        if (fault.until() != null && !clock.instant().isBefore(fault.until())) {
            faults.put(channel, NONE);
            return NONE;
        }
        return fault;
    }
}
