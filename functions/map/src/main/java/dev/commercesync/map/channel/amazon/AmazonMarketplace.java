package dev.commercesync.map.channel.amazon;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Amazon marketplaces we know, with what mapping needs from each: the currency an order is in when Amazon gives
 * no amount (a canceled order), and whether prices include tax.
 * <p>
 * The tax rule: in the United States and Canada sales tax (GST/HST/PST) is added on top of the price at checkout, so
 * {@code ItemPrice} is net and {@code ItemTax} comes on top. Every other marketplace shows prices with VAT/GST/
 * consumption tax included (EU, UK, Türkiye, Gulf, India, Japan, Australia, Singapore, Mexico, Brazil, South
 * Africa, Egypt), so {@code ItemTax} is the tax part of {@code ItemPrice}. An unknown marketplace is rejected rather
 * than guessed: a wrong guess books tax twice or not at all.
 */
public enum AmazonMarketplace {
    US("ATVPDKIKX0DER", "USD", false),
    CA("A2EUQ1WTGCTBG2", "CAD", false),
    MX("A1AM78C64UM0Y8", "MXN", true),
    BR("A2Q3Y263D00KWC", "BRL", true),
    UK("A1F83G8C2ARO7P", "GBP", true),
    DE("A1PA6795UKMFR9", "EUR", true),
    FR("A13V1IB3VIYZZH", "EUR", true),
    IT("APJ6JRA9NG5V4", "EUR", true),
    ES("A1RKKUPIHCS9HS", "EUR", true),
    NL("A1805IZSGTT6HS", "EUR", true),
    BE("AMEN7PMS3EDWL", "EUR", true),
    IE("A28R8C7NBKEWEA", "EUR", true),
    SE("A2NODRKZP88ZB9", "SEK", true),
    PL("A1C3SOZRARQ6R3", "PLN", true),
    TR("A33AVAJ2PDY3EV", "TRY", true),
    AE("A2VIGQ35RCS4UG", "AED", true),
    SA("A17E79C6D8DWNP", "SAR", true),
    EG("ARBP9OOSHTCHU", "EGP", true),
    IN("A21TJRUUN4KGV", "INR", true),
    ZA("AE08WJ6YKNBMC", "ZAR", true),
    JP("A1VC38T7YXB528", "JPY", true),
    AU("A39IBJ37TRP1C6", "AUD", true),
    SG("A19VAU5U5O7RUS", "SGD", true);

    private final String marketplaceId;
    private final String currency;
    private final boolean taxesIncluded;

    AmazonMarketplace(String marketplaceId, String currency, boolean taxesIncluded) {
        this.marketplaceId = marketplaceId;
        this.currency = currency;
        this.taxesIncluded = taxesIncluded;
    }

    public String marketplaceId() {
        return marketplaceId;
    }

    public String currency() {
        return currency;
    }

    public boolean taxesIncluded() {
        return taxesIncluded;
    }

    public static Optional<AmazonMarketplace> byId(String marketplaceId) {
        return Arrays.stream(values()).filter(m -> m.marketplaceId.equals(marketplaceId)).findFirst();
    }
}
