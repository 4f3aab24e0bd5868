package dev.commercesync.inventory.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens obtained with an account's refresh token (Login with Amazon, eBay OAuth), kept per account until
 * 60 s before they expire. One exchange at a time per account: threads asking for the same account's token while it is
 * being fetched wait for that fetch instead of starting their own; other accounts are not held up.
 */
public final class AccessTokenCache {

    /** Refreshed this long before the channel's expiry, so a token never expires between our check and its use. */
    static final Duration EARLY_REFRESH = Duration.ofSeconds(60);

    /** Exchanges an account's refresh token for an access token; fails with a {@link ChannelCallFailure}. */
    @FunctionalInterface
    public interface Exchange {
        IssuedToken fetch(String account);
    }

    /** A token as issued, and for how long the channel says it is valid. */
    public record IssuedToken(String accessToken, Duration expiresIn) {

        @Override
        public String toString() {
            return "IssuedToken[accessToken=***, expiresIn=" + expiresIn + "]";
        }
    }

    private record Cached(String accessToken, Instant refreshAt) {
    }

    private final Exchange exchange;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Cached> tokens = new ConcurrentHashMap<>();

    public AccessTokenCache(Exchange exchange, Clock clock) {
        this.exchange = exchange;
        this.clock = clock;
    }

    /** The account's access token: the cached one while it is fresh, else a new one from the channel. */
    public String token(String account) {
        Cached cached = tokens.get(account);
        if (fresh(cached)) {
            return cached.accessToken();
        }
        synchronized (locks.computeIfAbsent(account, a -> new Object())) {
            cached = tokens.get(account);
            if (fresh(cached)) {
                return cached.accessToken();
            }
            IssuedToken issued = exchange.fetch(account);
            Instant refreshAt = clock.instant().plus(issued.expiresIn()).minus(EARLY_REFRESH);
            tokens.put(account, new Cached(issued.accessToken(), refreshAt));
            return issued.accessToken();
        }
    }

    /**
     * Forgets {@code refused}, which the channel just refused (401/403), so the next {@link #token} fetches a new one.
     * A token another thread has already replaced it with is kept.
     */
    public void invalidate(String account, String refused) {
        tokens.computeIfPresent(account, (a, cached) -> cached.accessToken().equals(refused) ? null : cached);
    }

    private boolean fresh(Cached cached) {
        return cached != null && clock.instant().isBefore(cached.refreshAt());
    }
}
