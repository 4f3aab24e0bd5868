package dev.commercesync.inventory.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.order.SalesChannel;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The credentials of every marketplace account, read once from the {@code MARKETPLACE_CREDENTIALS} JSON document:
 * <pre>
 * {"shopify": {"acme.myshopify.com": {"accessToken": "shpat_…"}},
 *  "amazon":  {"A1SELLERID": {"clientId": "…", "clientSecret": "…", "refreshToken": "Atzr|…"}},
 *  "ebay":    {"acme-ebay":  {"clientId": "…", "clientSecret": "…", "refreshToken": "v^1.1#…"}}}
 * </pre>
 * Keys under each channel are the listings' {@code account}. Nothing here ever prints a secret: {@link #toString()}
 * lists the accounts only, and a document that is not valid JSON is reported without quoting it.
 */
@Singleton
public class MarketplaceCredentials {

    private final Map<SalesChannel, Map<String, JsonNode>> accounts;

    @Inject
    public MarketplaceCredentials(MarketplaceConfig config) {
        this(config.credentials());
    }

    public MarketplaceCredentials(String json) {
        this.accounts = parse(json);
    }

    /** The Admin API access token of a shop (its {@code shpat_…} token), if the document holds one. */
    public Optional<String> shopifyAccessToken(String shop) {
        return Optional.ofNullable(account(SalesChannel.SHOPIFY, shop))
                .map(node -> node.path("accessToken").asText(""))
                .filter(token -> !token.isBlank());
    }

    /** The OAuth client and refresh token of an Amazon selling partner or an eBay account. */
    public Optional<RefreshCredentials> refreshCredentials(SalesChannel channel, String account) {
        JsonNode node = account(channel, account);
        if (node == null) {
            return Optional.empty();
        }
        String clientId = node.path("clientId").asText("");
        String clientSecret = node.path("clientSecret").asText("");
        String refreshToken = node.path("refreshToken").asText("");
        if (clientId.isBlank() || clientSecret.isBlank() || refreshToken.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RefreshCredentials(clientId, clientSecret, refreshToken));
    }

    /** The accounts the document names for a channel. */
    public Set<String> accounts(SalesChannel channel) {
        return Collections.unmodifiableSet(new TreeSet<>(accounts.getOrDefault(channel, Map.of()).keySet()));
    }

    /** What an update for an account without credentials is rejected with. */
    public static String missing(SalesChannel channel, String account) {
        return "no credentials for " + channel.id() + " account " + account
                + " (add it to MARKETPLACE_CREDENTIALS)";
    }

    @Override
    public String toString() {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        accounts.forEach((channel, byAccount) -> names.put(channel.id(), new TreeSet<>(byAccount.keySet())));
        return "MarketplaceCredentials" + names;
    }

    private JsonNode account(SalesChannel channel, String account) {
        return account == null ? null : accounts.getOrDefault(channel, Map.of()).get(account);
    }

    private static Map<SalesChannel, Map<String, JsonNode>> parse(String json) {
        Map<SalesChannel, Map<String, JsonNode>> parsed = new EnumMap<>(SalesChannel.class);
        if (json == null || json.isBlank()) {
            return parsed;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            // The message and cause of a Jackson error quote the document: neither is kept.
            throw new IllegalStateException("MARKETPLACE_CREDENTIALS is not valid JSON (error at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("MARKETPLACE_CREDENTIALS must be a JSON object keyed by channel "
                    + "(shopify, amazon, ebay)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> channels = root.fields(); channels.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = channels.next();
            SalesChannel channel = SalesChannel.fromId(entry.getKey()).orElseThrow(() -> new IllegalStateException(
                    "MARKETPLACE_CREDENTIALS names an unknown channel '" + entry.getKey()
                            + "' (expected shopify, amazon or ebay)"));
            if (!entry.getValue().isObject()) {
                throw new IllegalStateException("MARKETPLACE_CREDENTIALS: '" + entry.getKey()
                        + "' must be an object keyed by account");
            }
            Map<String, JsonNode> byAccount = new LinkedHashMap<>();
            entry.getValue().fields().forEachRemaining(account -> {
                if (!account.getValue().isObject()) {
                    throw new IllegalStateException("MARKETPLACE_CREDENTIALS: " + entry.getKey() + " account '"
                            + account.getKey() + "' must be an object");
                }
                byAccount.put(account.getKey(), account.getValue());
            });
            parsed.put(channel, byAccount);
        }
        return parsed;
    }

    /** An OAuth client and the refresh token a seller granted it. Its string form hides all three. */
    public record RefreshCredentials(String clientId, String clientSecret, String refreshToken) {

        @Override
        public String toString() {
            return "RefreshCredentials[clientId=***, clientSecret=***, refreshToken=***]";
        }
    }
}
