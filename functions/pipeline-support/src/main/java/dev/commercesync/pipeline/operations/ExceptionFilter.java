package dev.commercesync.pipeline.operations;

import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.orderstate.BusinessExceptionType;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which open exceptions to list.
 *
 * @param type      only this kind; empty for all
 * @param channel   only orders of this channel; empty for all
 * @param olderThan only exceptions open for longer than this; empty for all
 * @param limit     at most this many per page, 1 to {@value #MAX_LIMIT}
 * @param cursor    {@link ExceptionPage#nextCursor()} of the previous page, with the same filters; empty for the first
 */
public record ExceptionFilter(Optional<BusinessExceptionType> type, Optional<SalesChannel> channel,
                              Optional<Duration> olderThan, int limit, Optional<String> cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public ExceptionFilter {
        type = type == null ? Optional.empty() : type;
        channel = channel == null ? Optional.empty() : channel;
        olderThan = olderThan == null ? Optional.empty() : olderThan;
        cursor = cursor == null ? Optional.empty() : cursor;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidExceptionFilter("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (olderThan.isPresent() && olderThan.get().isNegative()) {
            throw new InvalidExceptionFilter("olderThan", "olderThan must not be negative");
        }
    }

    /** Every open exception, first page. */
    public static ExceptionFilter all() {
        return new ExceptionFilter(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT,
                Optional.empty());
    }

    /**
     * The filter from request parameters as text; null or blank means not given.
     *
     * @param olderThan an ISO-8601 duration ({@code PT1H}, {@code P2D})
     * @throws InvalidExceptionFilter naming the parameter at fault and why
     */
    public static ExceptionFilter parse(String type, String channel, String olderThan, String limit, String cursor) {
        Optional<BusinessExceptionType> parsedType = given(type).map(t -> BusinessExceptionType.fromText(t)
                .orElseThrow(() -> new InvalidExceptionFilter("type", "type must be one of "
                        + Arrays.stream(BusinessExceptionType.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")))));
        Optional<SalesChannel> parsedChannel = given(channel).map(c -> SalesChannel.fromId(c)
                .orElseThrow(() -> new InvalidExceptionFilter("channel", "channel must be one of "
                        + Arrays.stream(SalesChannel.values()).map(SalesChannel::id)
                        .collect(Collectors.joining(", ")))));
        Optional<Duration> parsedAge = given(olderThan).map(ExceptionFilter::duration);
        int parsedLimit = given(limit).map(ExceptionFilter::limit).orElse(DEFAULT_LIMIT);
        return new ExceptionFilter(parsedType, parsedChannel, parsedAge, parsedLimit, given(cursor));
    }

    /** The same filters, resuming at {@code nextCursor}. */
    public ExceptionFilter after(String nextCursor) {
        return new ExceptionFilter(type, channel, olderThan, limit, Optional.ofNullable(nextCursor));
    }

    /** What a cursor was made for: a cursor only resumes the listing it came from. */
    String fingerprint() {
        return type.map(Enum::name).orElse("*") + "|" + channel.map(SalesChannel::id).orElse("*") + "|"
                + olderThan.map(Duration::toString).orElse("*");
    }

    private static Optional<String> given(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidExceptionFilter("olderThan",
                    "olderThan must be an ISO-8601 duration such as PT1H, PT30M or P2D");
        }
    }

    private static int limit(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidExceptionFilter("limit", "limit must be a whole number between 1 and " + MAX_LIMIT);
        }
    }
}
