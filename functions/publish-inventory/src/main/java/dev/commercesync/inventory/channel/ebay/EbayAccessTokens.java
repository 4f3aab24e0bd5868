package dev.commercesync.inventory.channel.ebay;

import dev.commercesync.inventory.channel.ChannelHttp;
import dev.commercesync.inventory.channel.MarketplaceCredentials;
import dev.commercesync.inventory.channel.RefreshTokenAccessTokens;
import dev.commercesync.model.order.SalesChannel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * eBay user access tokens of each account: the stored refresh token exchanged at
 * {@code POST {base}/identity/v1/oauth2/token} for the {@code sell.inventory} scope, the client authenticated with
 * HTTP Basic.
 */
final class EbayAccessTokens {

    static final String SCOPE = "https://api.ebay.com/oauth/api_scope/sell.inventory";

    private EbayAccessTokens() {
    }

    static RefreshTokenAccessTokens of(String ebayEndpoint, MarketplaceCredentials credentials, ChannelHttp http,
                                       Clock clock) {
        URI tokenUri = URI.create(ChannelHttp.withoutTrailingSlash(ebayEndpoint) + "/identity/v1/oauth2/token");
        return new RefreshTokenAccessTokens(SalesChannel.EBAY, "eBay OAuth", credentials, http, clock, grant -> {
            String basic = Base64.getEncoder().encodeToString(
                    (grant.clientId() + ":" + grant.clientSecret()).getBytes(StandardCharsets.UTF_8));
            return http.request(tokenUri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&",
                            ChannelHttp.form("grant_type", "refresh_token"),
                            ChannelHttp.form("refresh_token", grant.refreshToken()),
                            ChannelHttp.form("scope", SCOPE))))
                    .build();
        });
    }
}
