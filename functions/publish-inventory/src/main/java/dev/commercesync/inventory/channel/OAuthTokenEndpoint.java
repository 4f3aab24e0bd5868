package dev.commercesync.inventory.channel;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The answer side of an OAuth 2.0 refresh-token grant (RFC 6749 §6), as Login with Amazon and eBay give it:
 * {@code access_token} and {@code expires_in} on 200, {@code error} and {@code error_description} on 400/401.
 */
public final class OAuthTokenEndpoint {

    /** When a token answer leaves out {@code expires_in}: both channels issue tokens for at least an hour. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final ChannelHttp http;

    public OAuthTokenEndpoint(ChannelHttp http) {
        this.http = http;
    }

    /**
     * Sends the token request and reads the token.
     *
     * @param who names the account in reasons, e.g. {@code "Login with Amazon for amazon account A1…"}
     * @throws ChannelCallFailure rejected when the credentials are refused, throttled or unavailable otherwise
     */
    public AccessTokenCache.IssuedToken exchange(HttpRequest request, String who) {
        HttpResponse<String> response = http.send(request, who);
        int status = response.statusCode();
        if (status == 200) {
            JsonNode body = http.body(response, who);
            String token = body.path("access_token").asText("");
            if (token.isBlank()) {
                throw ChannelCallFailure.unavailable(who + ": HTTP 200 without an access_token");
            }
            long seconds = body.path("expires_in").asLong(0);
            return new AccessTokenCache.IssuedToken(token,
                    seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME);
        }
        if (status == 429) {
            Duration wait = ChannelHttp.retryAfter(response).orElse(Duration.ofSeconds(1));
            throw ChannelCallFailure.throttled(who + ": token endpoint throttled us (HTTP 429)", wait);
        }
        if (status >= 500) {
            throw ChannelCallFailure.unavailable(who + ": token endpoint answered HTTP " + status);
        }
        // 400 invalid_grant / invalid_client, 401: the stored credentials are wrong or revoked; an operator fixes them.
        String error = "HTTP " + status;
        try {
            JsonNode body = http.body(response, who);
            String code = body.path("error").asText("");
            String description = body.path("error_description").asText("");
            if (!code.isBlank()) {
                error = code + (description.isBlank() ? "" : " (" + ChannelHttp.shortened(description) + ")");
            }
        } catch (ChannelCallFailure notJson) {
            // the status says enough
        }
        throw ChannelCallFailure.rejected(who + " refused the stored credentials: " + error
                + "; check MARKETPLACE_CREDENTIALS");
    }
}
