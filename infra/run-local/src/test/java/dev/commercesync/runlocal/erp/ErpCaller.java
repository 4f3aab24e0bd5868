package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Calls the sandbox ERP over real HTTP on 127.0.0.1, as post-to-erp's {@code RestErpGateway} does, and builds the
 * sales orders it posts.
 */
final class ErpCaller {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI base;
    private final String apiKey;

    ErpCaller(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** A sales order as post-to-erp writes it: two lines, tax on top, totals that reconcile. */
    static ObjectNode salesOrder(String externalReference, String sourceVersion) {
        String[] parts = externalReference.split(":", 2);
        ObjectNode order = JSON.createObjectNode()
                .put("externalReference", externalReference)
                .put("sourceVersion", sourceVersion)
                .put("channel", parts[0])
                .put("channelOrderId", parts[1])
                .put("storefront", "commerce-sync-demo.myshopify.com")
                .put("orderedAt", "2026-11-20T15:15:00Z")
                .put("status", "CONFIRMED")
                .put("currency", "USD")
                .put("taxesIncluded", false);
        order.putObject("customer").put("reference", "7390000000001").put("name", "Jane Example")
                .put("email", "jane.example@example.com");
        order.putObject("shipTo").put("name", "Jane Example").put("line1", "350 Example Avenue")
                .put("city", "New York").put("region", "NY").put("postalCode", "10001").put("countryCode", "US");
        order.putArray("lines").add(line(1, "TSH-CLASSIC-BLK-M", 2, "25.00", "4.25", "0.00", "50.00"))
                .add(line(2, "MUG-STONEWARE-12OZ", 1, "14.50", "1.23", "0.00", "14.50"));
        order.putObject("shipping").put("method", "Standard Shipping").put("price", "9.95").put("tax", "0.85")
                .put("discount", "0.00");
        order.putArray("orderDiscounts");
        order.putArray("taxes").addObject().put("title", "New York State Tax").put("rate", "0.04")
                .put("amount", "6.33").put("appliesTo", "ITEMS").put("remittedByMarketplace", false);
        order.putObject("totals").put("subtotal", "64.50").put("shipping", "9.95").put("tax", "6.33")
                .put("discount", "0.00").put("grandTotal", "80.78");
        return order;
    }

    private static ObjectNode line(int number, String sku, int quantity, String unitPrice, String tax,
                                   String discount, String amount) {
        return JSON.createObjectNode().put("lineNumber", number).put("channelLineId", "1400000000000" + number)
                .put("sku", sku).put("description", sku).put("quantity", quantity).put("unitPrice", unitPrice)
                .put("taxAmount", tax).put("discountAmount", discount).put("lineAmount", amount);
    }

    HttpResponse<String> find(String externalReference) {
        return send(request("/sales-orders?externalReference="
                + URLEncoder.encode(externalReference, StandardCharsets.UTF_8)).GET().build());
    }

    HttpResponse<String> create(JsonNode order, String idempotencyKey) {
        return send(request("/sales-orders").header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(order.toString())).build());
    }

    /** A create with the key post-to-erp derives: {@code <externalReference>@<sourceVersion>}. */
    HttpResponse<String> create(JsonNode order) {
        return create(order, order.get("externalReference").asText() + "@" + order.get("sourceVersion").asText());
    }

    HttpResponse<String> update(String documentId, JsonNode order) {
        return send(request("/sales-orders/" + documentId).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(order.toString())).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return sendOrFail(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For the faults that answer with a broken connection rather than a response. */
    HttpResponse<String> sendOrFail(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json, application/problem+json");
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
