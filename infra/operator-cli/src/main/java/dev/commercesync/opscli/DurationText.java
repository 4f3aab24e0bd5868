package dev.commercesync.opscli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as an operator types them ({@code 90s}, {@code 15m}, {@code 2h}, {@code 3d}, {@code 1h30m}) or ISO-8601. */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

    private DurationText() {
    }

    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase();
        if (trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed.toUpperCase());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
        }
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            });
            end = part.end();
        }
        if (end == 0 || end != trimmed.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (examples: 90s, 15m, 2h, 3d, 1h30m)");
        }
        return total;
    }

    /** Short and rounded down to two units: {@code 3d4h}, {@code 12m5s}, {@code 40s}. */
    public static String format(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (secs > 0 ? secs + "s" : "");
        }
        return secs + "s";
    }
}
