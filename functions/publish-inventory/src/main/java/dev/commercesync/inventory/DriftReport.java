package dev.commercesync.inventory;

import java.time.Instant;
import java.util.Map;

/**
 * What one drift check found, per channel: the scheduled function's answer and log line.
 *
 * @param channels by channel id
 */
public record DriftReport(Instant checkedAt, Map<String, ChannelDrift> channels) {

    /**
     * @param drifted    listings the channel showed differently from their confirmed target (each repaired)
     * @param inFlight   listings with an update not yet confirmed, left to it
     * @param unreadable listings the channel could not be asked about
     */
    public record ChannelDrift(int listings, int inSync, int drifted, int inFlight, int unreadable) {
    }

    public int totalDrifted() {
        return channels.values().stream().mapToInt(ChannelDrift::drifted).sum();
    }
}
