package dev.commercesync.inventory.channel;

import dev.commercesync.model.order.SalesChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketplaceCredentialsTest {

    private final MarketplaceCredentials credentials = TestChannels.credentials();

    @Test
    void findsEachChannelsAccountByTheListingsAccount() {
        assertThat(credentials.shopifyAccessToken("acme.myshopify.com")).contains(TestChannels.SHOPIFY_TOKEN);
        assertThat(credentials.shopifyAccessToken("unknown.myshopify.com")).isEmpty();

        MarketplaceCredentials.RefreshCredentials amazon =
                credentials.refreshCredentials(SalesChannel.AMAZON, "A1SELLER").orElseThrow();
        assertThat(amazon.clientId()).isEqualTo("amzn1.application-oa2-client.test");
        assertThat(amazon.clientSecret()).isEqualTo(TestChannels.AMAZON_CLIENT_SECRET);
        assertThat(amazon.refreshToken()).isEqualTo(TestChannels.AMAZON_REFRESH_TOKEN);

        assertThat(credentials.refreshCredentials(SalesChannel.EBAY, "acme-ebay")).isPresent();
        // Accounts are per channel: an Amazon seller id is not an eBay account.
        assertThat(credentials.refreshCredentials(SalesChannel.EBAY, "A1SELLER")).isEmpty();
        assertThat(credentials.accounts(SalesChannel.AMAZON)).containsExactly("A1SELLER", "A2SELLER");
    }

    @Test
    void anAccountMissingAPartOfItsGrantHasNoCredentials() {
        MarketplaceCredentials partial = new MarketplaceCredentials(
                "{\"amazon\":{\"A9\":{\"clientId\":\"c\",\"refreshToken\":\"r\"}}}");
        assertThat(partial.refreshCredentials(SalesChannel.AMAZON, "A9")).isEmpty();
    }

    @Test
    void neverPrintsASecret() {
        String printed = credentials + " " + credentials.refreshCredentials(SalesChannel.AMAZON, "A1SELLER")
                .orElseThrow();
        assertThat(printed).contains("acme.myshopify.com", "A1SELLER", "acme-ebay")
                .doesNotContain(TestChannels.SHOPIFY_TOKEN, TestChannels.AMAZON_CLIENT_SECRET,
                        TestChannels.AMAZON_REFRESH_TOKEN, TestChannels.EBAY_CLIENT_SECRET,
                        TestChannels.EBAY_REFRESH_TOKEN);
    }

    @Test
    void invalidJsonNamesTheVariableWithoutQuotingIt() {
        String broken = "{\"shopify\": {\"acme.myshopify.com\": {\"accessToken\": \"shpat_secret_value\"}";
        assertThatThrownBy(() -> new MarketplaceCredentials(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MARKETPLACE_CREDENTIALS")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("shpat_secret_value"));
        assertThatThrownBy(() -> new MarketplaceCredentials("[1,2]"))
                .hasMessageContaining("MARKETPLACE_CREDENTIALS");
        assertThatThrownBy(() -> new MarketplaceCredentials("{\"etsy\":{}}"))
                .hasMessageContaining("unknown channel 'etsy'");
    }

    @Test
    void noDocumentMeansNoAccounts() {
        assertThat(new MarketplaceCredentials("").shopifyAccessToken("acme.myshopify.com")).isEmpty();
        assertThat(new MarketplaceCredentials("{}").accounts(SalesChannel.EBAY)).isEmpty();
    }
}
