package dev.commercesync.opscli.command;

import dev.commercesync.opscli.CommandFailure;
import dev.commercesync.opscli.DurationText;
import dev.commercesync.opscli.dlq.DeadLetterFilter;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The message filters {@code dlq show} and {@code dlq redrive} share. */
final class DlqFilterOptions {

    @Option(names = "--channel", paramLabel = "<channel>", description = "Only messages of this channel (shopify, amazon, ebay).")
    Optional<String> channel = Optional.empty();

    @Option(names = "--order-key", paramLabel = "<channel:id>", description = "Only messages of this order, e.g. shopify:450789469.")
    Optional<String> orderKey = Optional.empty();

    @Option(names = "--error", paramLabel = "<text>", description = "Only messages whose order's last recorded exception contains <text> (case-insensitive; see ERRORS "
            + "below).")
    Optional<String> error = Optional.empty();

    @Option(names = "--older-than", paramLabel = "<duration>", description = "Only messages sent longer ago than this: 90s, 15m, 2h, 3d, PT1H.")
    Optional<String> olderThan = Optional.empty();

    @Option(names = "--message-id", paramLabel = "<id>", description = "Only this message (repeatable), e.g. as a dry run listed it.")
    List<String> messageIds = new ArrayList<>();

    @Option(names = "--scan-limit", paramLabel = "<n>", defaultValue = "1000",
            description = "Look at most at this many messages of the DLQ (default: ${DEFAULT-VALUE}).")
    int scanLimit;

    @Option(names = "--hold", paramLabel = "<duration>", defaultValue = "60s",
            description = "How long looked-at messages stay invisible at most should the CLI die before handing "
                    + "them back (it hands them back at once otherwise; default: ${DEFAULT-VALUE}).")
    String hold;

    DeadLetterFilter filter(int limit) {
        if (limit < 0) {
            throw CommandFailure.usage("--limit must not be negative");
        }
        Optional<Duration> age;
        try {
            age = olderThan.map(DurationText::parse);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--older-than: " + e.getMessage());
        }
        return new DeadLetterFilter(channel, orderKey, error, age, Set.copyOf(messageIds), limit);
    }

    Duration hold() {
        Duration duration;
        try {
            duration = DurationText.parse(hold);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("--hold: " + e.getMessage());
        }
        // SQS visibility timeouts: 0 to 12 hours.
        if (duration.isZero() || duration.compareTo(Duration.ofHours(12)) > 0) {
            throw CommandFailure.usage("--hold must be between 1s and 12h");
        }
        return duration;
    }

    int scanLimit() {
        if (scanLimit < 1) {
            throw CommandFailure.usage("--scan-limit must be at least 1");
        }
        return scanLimit;
    }
}
