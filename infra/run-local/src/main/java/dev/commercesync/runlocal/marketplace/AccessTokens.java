package dev.commercesync.runlocal.marketplace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens one channel's token endpoint issued, each bound to one account and expiring on the sandbox clock. */
final class AccessTokens {

    private record Grant(String account, Instant expiresAt) {
    }

    private final String prefix;
    private final Clock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    AccessTokens(String prefix, Clock clock) {
        this.prefix = prefix;
        this.clock = clock;
    }

    String issue(String account, Duration lifetime) {
        // Unguessable, so a test cannot pass by sending a token it made up.
        String token = prefix + UUID.randomUUID().toString().replace("-", "");
        grants.put(token, new Grant(account, clock.instant().plus(lifetime)));
        return token;
    }

    /** The account a token was issued to, while it has not expired. */
    Optional<String> accountOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Grant grant = grants.get(token);
        if (grant == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            grants.remove(token, grant);
            return Optional.empty();
        }
        return Optional.of(grant.account());
    }
}
