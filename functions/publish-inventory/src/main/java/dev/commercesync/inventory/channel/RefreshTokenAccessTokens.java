package dev.commercesync.inventory.channel;

import dev.commercesync.model.order.SalesChannel;

import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * Access tokens of each account of a channel that issues them for a stored refresh token (Login with Amazon, eBay
 * OAuth): looked up in {@link MarketplaceCredentials}, exchanged through {@link OAuthTokenEndpoint}, cached until 60 s
 * before expiry and dropped when the channel refuses one. Only the token request differs per channel.
 */
public final class RefreshTokenAccessTokens {

    /** The channel's token request for an account's stored grant. */
    @FunctionalInterface
    public interface TokenRequest {
        HttpRequest build(MarketplaceCredentials.RefreshCredentials grant);
    }

    private final SalesChannel channel;
    private final String service;
    private final MarketplaceCredentials credentials;
    private final OAuthTokenEndpoint endpoint;
    private final TokenRequest request;
    private final AccessTokenCache cache;

    /** @param service names the token service in reasons, e.g. {@code "Login with Amazon"} */
    public RefreshTokenAccessTokens(SalesChannel channel, String service, MarketplaceCredentials credentials,
                                    ChannelHttp http, Clock clock, TokenRequest request) {
        this.channel = channel;
        this.service = service;
        this.credentials = credentials;
        this.endpoint = new OAuthTokenEndpoint(http);
        this.request = request;
        this.cache = new AccessTokenCache(this::exchange, clock);
    }

    /** The account's access token (cached, or fetched now). */
    public String token(String account) {
        return cache.token(account);
    }

    /** Drops a token the channel refused, so the next {@link #token} fetches a new one. */
    public void invalidate(String account, String refused) {
        cache.invalidate(account, refused);
    }

    private AccessTokenCache.IssuedToken exchange(String account) {
        MarketplaceCredentials.RefreshCredentials grant = credentials.refreshCredentials(channel, account)
                .orElseThrow(() -> ChannelCallFailure.rejected(MarketplaceCredentials.missing(channel, account)));
        return endpoint.exchange(request.build(grant), service + " for " + channel.id() + " account " + account);
    }
}
