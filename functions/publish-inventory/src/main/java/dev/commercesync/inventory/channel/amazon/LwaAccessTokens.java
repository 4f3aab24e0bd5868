package dev.commercesync.inventory.channel.amazon;

import dev.commercesync.inventory.channel.AccessTokenCache;
import dev.commercesync.inventory.channel.ChannelCallFailure;
import dev.commercesync.inventory.channel.ChannelHttp;
import dev.commercesync.inventory.channel.MarketplaceCredentials;
import dev.commercesync.inventory.channel.OAuthTokenEndpoint;
import dev.commercesync.model.order.SalesChannel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * Login with Amazon access tokens of each selling partner: the stored refresh token exchanged at
 * {@code POST {lwa}/auth/o2/token}, cached until 60 s before expiry, dropped when SP-API refuses it.
 */
public final class LwaAccessTokens {

    private final URI tokenUri;
    private final MarketplaceCredentials credentials;
    private final ChannelHttp http;
    private final OAuthTokenEndpoint endpoint;
    private final AccessTokenCache cache;

    public LwaAccessTokens(String lwaEndpoint, MarketplaceCredentials credentials, ChannelHttp http, Clock clock) {
        this.tokenUri = URI.create(ChannelHttp.withoutTrailingSlash(lwaEndpoint) + "/auth/o2/token");
        this.credentials = credentials;
        this.http = http;
        this.endpoint = new OAuthTokenEndpoint(http);
        this.cache = new AccessTokenCache(this::exchange, clock);
    }

    /** The selling partner's access token (cached, or fetched now). */
    public String token(String sellerId) {
        return cache.token(sellerId);
    }

    /** Drops a token SP-API refused, so the next {@link #token} fetches a new one. */
    public void invalidate(String sellerId, String refused) {
        cache.invalidate(sellerId, refused);
    }

    private AccessTokenCache.IssuedToken exchange(String sellerId) {
        MarketplaceCredentials.RefreshCredentials grant = credentials
                .refreshCredentials(SalesChannel.AMAZON, sellerId)
                .orElseThrow(() -> ChannelCallFailure.rejected(
                        MarketplaceCredentials.missing(SalesChannel.AMAZON, sellerId)));
        String form = String.join("&",
                ChannelHttp.form("grant_type", "refresh_token"),
                ChannelHttp.form("refresh_token", grant.refreshToken()),
                ChannelHttp.form("client_id", grant.clientId()),
                ChannelHttp.form("client_secret", grant.clientSecret()));
        HttpRequest request = http.request(tokenUri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return endpoint.exchange(request, "Login with Amazon for amazon account " + sellerId);
    }
}
