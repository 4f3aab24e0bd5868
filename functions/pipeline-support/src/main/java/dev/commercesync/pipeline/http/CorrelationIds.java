package dev.commercesync.pipeline.http;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The correlation id of an HTTP request (an intake, an operator's call): the caller's {@code X-Correlation-Id} when it
 * is safe to carry into log lines, message attributes and the order timeline, else a new UUID. A bad header never
 * fails the request: a marketplace cannot fix its headers, and the order matters more than the id.
 */
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-Id";
    public static final int MAX_LENGTH = 128;

    private CorrelationIds() {
    }

    public static String acceptOrCreate(String incoming) {
        return acceptOrCreate(incoming, UUID::randomUUID);
    }

    static String acceptOrCreate(String incoming, Supplier<UUID> newId) {
        return sanitise(incoming).orElseGet(() -> newId.get().toString());
    }

    /**
     * The incoming id, trimmed, when it is 1..{@value #MAX_LENGTH} visible ASCII characters; anything else (control
     * characters that could forge log lines, spaces, non-ASCII, oversize) is not used at all rather than repaired, since
     * a repaired id would correlate with nothing the caller knows.
     */
    public static Optional<String> sanitise(String incoming) {
        if (incoming == null) {
            return Optional.empty();
        }
        String id = incoming.strip();
        if (id.isEmpty() || id.length() > MAX_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(id);
    }
}
