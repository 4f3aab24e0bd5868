package dev.commercesync.inventory.channel.ebay;

import dev.commercesync.inventory.channel.AccessTokenCache;
import dev.commercesync.inventory.channel.ChannelCallFailure;
import dev.commercesync.inventory.channel.ChannelHttp;
import dev.commercesync.inventory.channel.MarketplaceCredentials;
import dev.commercesync.inventory.channel.OAuthTokenEndpoint;
import dev.commercesync.model.order.SalesChannel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * eBay user access tokens of each account: the stored refresh token exchanged at
 * {@code POST {base}/identity/v1/oauth2/token} for the {@code sell.inventory} scope, cached until 60 s before expiry,
 * dropped when eBay refuses it.
 */
public final class EbayAccessTokens {

    static final String SCOPE = "https://api.ebay.com/oauth/api_scope/sell.inventory";

    private final URI tokenUri;
    private final MarketplaceCredentials credentials;
    private final ChannelHttp http;
    private final OAuthTokenEndpoint endpoint;
    private final AccessTokenCache cache;

    public EbayAccessTokens(String ebayEndpoint, MarketplaceCredentials credentials, ChannelHttp http, Clock clock) {
        this.tokenUri = URI.create(ChannelHttp.withoutTrailingSlash(ebayEndpoint) + "/identity/v1/oauth2/token");
        this.credentials = credentials;
        this.http = http;
        this.endpoint = new OAuthTokenEndpoint(http);
        this.cache = new AccessTokenCache(this::exchange, clock);
    }

    /** The account's access token (cached, or fetched now). */
    public String token(String account) {
        return cache.token(account);
    }

    /** Drops a token eBay refused, so the next {@link #token} fetches a new one. */
    public void invalidate(String account, String refused) {
        cache.invalidate(account, refused);
    }

    private AccessTokenCache.IssuedToken exchange(String account) {
        MarketplaceCredentials.RefreshCredentials grant = credentials
                .refreshCredentials(SalesChannel.EBAY, account)
                .orElseThrow(() -> ChannelCallFailure.rejected(
                        MarketplaceCredentials.missing(SalesChannel.EBAY, account)));
        String basic = Base64.getEncoder().encodeToString(
                (grant.clientId() + ":" + grant.clientSecret()).getBytes(StandardCharsets.UTF_8));
        String form = String.join("&",
                ChannelHttp.form("grant_type", "refresh_token"),
                ChannelHttp.form("refresh_token", grant.refreshToken()),
                ChannelHttp.form("scope", SCOPE));
        HttpRequest request = http.request(tokenUri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return endpoint.exchange(request, "eBay OAuth for ebay account " + account);
    }
}
