package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Calls the sandbox marketplaces over real HTTP on 127.0.0.1 with the request shapes of the wire contract, as the
 * publish-inventory adapters do.
 */
final class MarketplaceCaller {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String SET_MUTATION = """
            mutation SetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
              inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
                inventoryAdjustmentGroup { id }
                userErrors { field message code }
              }
            }""";
    static final String READ_QUERY = """
            query Available($inventoryItemId: ID!, $locationId: ID!) {
              inventoryItem(id: $inventoryItemId) { inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } } }
            }""";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final SandboxMarketplaces sandbox;

    MarketplaceCaller(SandboxMarketplaces sandbox) {
        this.sandbox = sandbox;
    }

    // ---- Shopify ----

    HttpResponse<String> shopifySet(String shop, String token, String item, String location, long quantity,
                                    Long changeFrom, String idempotencyKey) {
        ObjectNode variables = JSON.createObjectNode();
        ObjectNode input = variables.putObject("input").put("name", "available").put("reason", "correction")
                .put("referenceDocumentUri", "commerce-sync://stock/SKU-1");
        ObjectNode change = input.putArray("quantities").addObject().put("inventoryItemId", item)
                .put("locationId", location).put("quantity", quantity);
        if (changeFrom == null) {
            change.putNull("changeFromQuantity");
        } else {
            change.put("changeFromQuantity", changeFrom);
        }
        variables.put("idempotencyKey", idempotencyKey);
        return shopifyGraphql(shop, token, SET_MUTATION, variables);
    }

    HttpResponse<String> shopifyRead(String shop, String token, String item, String location) {
        ObjectNode variables = JSON.createObjectNode().put("inventoryItemId", item).put("locationId", location);
        return shopifyGraphql(shop, token, READ_QUERY, variables);
    }

    HttpResponse<String> shopifyGraphql(String shop, String token, String query, JsonNode variables) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.shopifyGraphqlEndpoint()
                        .replace("{shop}", shop)))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("X-Shopify-Access-Token", token);
        }
        return send(request.build());
    }

    // ---- Amazon ----

    HttpResponse<String> amazonToken(String clientId, String clientSecret, String refreshToken) {
        String form = "grant_type=refresh_token&refresh_token=" + enc(refreshToken) + "&client_id=" + enc(clientId)
                + "&client_secret=" + enc(clientSecret);
        return send(HttpRequest.newBuilder(URI.create(sandbox.amazonLwaEndpoint() + "/auth/o2/token"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    HttpResponse<String> amazonPatch(String token, String sellerId, String sku, List<String> marketplaceIds,
                                     long quantity) {
        ObjectNode body = JSON.createObjectNode().put("productType", "PRODUCT");
        body.putArray("patches").addObject().put("op", "replace").put("path", "/attributes/fulfillment_availability")
                .putArray("value").addObject().put("fulfillment_channel_code", "DEFAULT").put("quantity", quantity);
        return send(amazonRequest(token, sellerId, sku, marketplaceIds, "")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    HttpResponse<String> amazonGet(String token, String sellerId, String sku, List<String> marketplaceIds) {
        return send(amazonRequest(token, sellerId, sku, marketplaceIds, "&includedData=fulfillmentAvailability")
                .GET().build());
    }

    private HttpRequest.Builder amazonRequest(String token, String sellerId, String sku, List<String> marketplaceIds,
                                              String moreQuery) {
        URI uri = URI.create(sandbox.amazonEndpoint() + "/listings/2021-08-01/items/" + enc(sellerId) + "/"
                + enc(sku) + "?marketplaceIds=" + enc(String.join(",", marketplaceIds)) + moreQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("x-amz-access-token", token);
        }
        return request;
    }

    // ---- eBay ----

    HttpResponse<String> ebayToken(String clientId, String clientSecret, String refreshToken) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=refresh_token&refresh_token=" + enc(refreshToken)
                + "&scope=" + enc("https://api.ebay.com/oauth/api_scope/sell.inventory");
        return send(HttpRequest.newBuilder(URI.create(sandbox.ebayEndpoint() + "/identity/v1/oauth2/token"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static ObjectNode ebayRequest(String sku, long quantity, String... offerIds) {
        ObjectNode request = JSON.createObjectNode().put("sku", sku);
        request.putObject("shipToLocationAvailability").put("quantity", quantity);
        if (offerIds.length > 0) {
            ArrayNode offers = request.putArray("offers");
            for (String offerId : offerIds) {
                offers.addObject().put("offerId", offerId).put("availableQuantity", quantity);
            }
        }
        return request;
    }

    HttpResponse<String> ebayBulk(String token, List<ObjectNode> requests) {
        ObjectNode body = JSON.createObjectNode();
        requests.forEach(body.putArray("requests")::add);
        return send(ebayRequestTo("/sell/inventory/v1/bulk_update_price_quantity", token)
                .header("Content-Type", "application/json")
                .header("Content-Language", "en-US")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    HttpResponse<String> ebayGet(String token, String sku) {
        return send(ebayRequestTo("/sell/inventory/v1/inventory_item/" + enc(sku), token).GET().build());
    }

    private HttpRequest.Builder ebayRequestTo(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.ebayEndpoint() + path))
                .timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    // ---- the sandbox's own routes ----

    HttpResponse<String> admin(String method, String path, String body) {
        return send(HttpRequest.newBuilder(sandbox.baseUrl().resolve("/sandbox/marketplaces" + path))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    static JsonNode credentials(SandboxMarketplaces sandbox) {
        try {
            return JSON.readTree(sandbox.credentialsJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
