package dev.commercesync.inventory.channel.amazon;

import dev.commercesync.inventory.channel.ChannelHttp;
import dev.commercesync.inventory.channel.MarketplaceCredentials;
import dev.commercesync.inventory.channel.RefreshTokenAccessTokens;
import dev.commercesync.model.order.SalesChannel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * Login with Amazon access tokens of each selling partner: the stored refresh token, client id and secret posted as a
 * form to {@code POST {lwa}/auth/o2/token}.
 */
final class LwaAccessTokens {

    private LwaAccessTokens() {
    }

    static RefreshTokenAccessTokens of(String lwaEndpoint, MarketplaceCredentials credentials, ChannelHttp http,
                                       Clock clock) {
        URI tokenUri = URI.create(ChannelHttp.withoutTrailingSlash(lwaEndpoint) + "/auth/o2/token");
        return new RefreshTokenAccessTokens(SalesChannel.AMAZON, "Login with Amazon", credentials, http, clock,
                grant -> http.request(tokenUri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(String.join("&",
                                ChannelHttp.form("grant_type", "refresh_token"),
                                ChannelHttp.form("refresh_token", grant.refreshToken()),
                                ChannelHttp.form("client_id", grant.clientId()),
                                ChannelHttp.form("client_secret", grant.clientSecret()))))
                        .build());
    }
}
