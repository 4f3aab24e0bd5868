package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The sandbox's own routes under {@code /sandbox/marketplaces/}, for the demo and for tests. Not part of any
 * channel's API: no credentials, no injected faults, every refusal {@code application/problem+json}.
 * <ul>
 *   <li>{@code GET /sandbox/marketplaces/stats}: every channel's {@link MarketplaceStats}, by channel id;</li>
 *   <li>{@code GET /sandbox/marketplaces/credentials}: the {@code MARKETPLACE_CREDENTIALS} document;</li>
 *   <li>{@code GET|PUT|DELETE /sandbox/marketplaces/{channel}/faults}: the fault in force; PUT
 *   {@code {"mode": "none"|"outage"|"throttle-storm", "forSeconds": 5}} ({@code forSeconds} optional: until
 *   changed); DELETE ends it;</li>
 *   <li>{@code POST /sandbox/marketplaces/{channel}/listings}: seeds one listing (201) with the fields of the Java
 *   seeding methods: Shopify {@code shop, sku, inventoryItemGid, locationGid, available} ({@code inventoryItemId}
 *   and {@code locationId} are accepted for the gids), Amazon {@code sellerId, sku, marketplaceIds, quantity}, eBay
 *   {@code account, sku, offerIds, quantity};</li>
 *   <li>{@code GET /sandbox/marketplaces/{channel}/inventory/{sku}[?account=&locationId=]}:
 *   {@code {"quantity": n}} summed over the matching accounts (and Shopify locations); eBay adds {@code offers};</li>
 *   <li>{@code GET /sandbox/marketplaces/{channel}/stats}: that channel's counters.</li>
 * </ul>
 */
final class MarketplaceAdminApi {

    static final String ROOT = "/sandbox/marketplaces";

    private static final Set<String> FAULT_FIELDS = Set.of("mode", "forSeconds");
    private static final Map<SalesChannel, Set<String>> LISTING_FIELDS = Map.of(
            SalesChannel.SHOPIFY, Set.of("shop", "sku", "inventoryItemGid", "locationGid", "inventoryItemId",
                    "locationId", "available"),
            SalesChannel.AMAZON, Set.of("sellerId", "sku", "marketplaceIds", "quantity"),
            SalesChannel.EBAY, Set.of("account", "sku", "offerIds", "quantity"));

    private final ObjectMapper json;
    private final Map<SalesChannel, SandboxChannel> channels;
    private final ChannelFaults faults;
    private final SandboxMarketplaces marketplaces;

    MarketplaceAdminApi(ObjectMapper json, Map<SalesChannel, SandboxChannel> channels, ChannelFaults faults,
                        SandboxMarketplaces marketplaces) {
        this.json = json;
        this.channels = channels;
        this.faults = faults;
        this.marketplaces = marketplaces;
    }

    static boolean serves(String rawPath) {
        return rawPath.equals(ROOT) || rawPath.startsWith(ROOT + "/");
    }

    Answer handle(Call call) {
        List<String> segments = call.segmentsAfter(ROOT);
        String method = call.method();
        if (segments.size() == 1 && segments.get(0).equals("stats")) {
            if (!method.equals("GET")) {
                return notAllowed("GET");
            }
            ObjectNode all = json.createObjectNode();
            channels.forEach((channel, sandbox) -> all.set(channel.id(), statsJson(sandbox.counters().snapshot())));
            return Answer.json(json, 200, all);
        }
        if (segments.size() == 1 && segments.get(0).equals("credentials")) {
            return method.equals("GET") ? Answer.json(json, 200, marketplaces.credentials()) : notAllowed("GET");
        }
        if (segments.size() < 2) {
            return notFound("no resource " + call.rawPath());
        }
        Optional<SalesChannel> channel = SalesChannel.fromId(segments.get(0));
        if (channel.isEmpty()) {
            return notFound("no channel '" + segments.get(0) + "'; the sandbox has shopify, amazon and ebay");
        }
        SandboxChannel sandbox = channels.get(channel.get());
        String resource = segments.get(1);
        if (resource.equals("faults") && segments.size() == 2) {
            switch (method) {
                case "GET":
                    return Answer.json(json, 200, faultJson(channel.get(), faults.current(channel.get())));
                case "PUT":
                    return changeFault(channel.get(), call.body());
                case "DELETE":
                    return Answer.json(json, 200, faultJson(channel.get(),
                            faults.set(channel.get(), MarketplaceFault.NONE, null)));
                default:
                    return notAllowed("GET, PUT, DELETE");
            }
        }
        if (resource.equals("listings") && segments.size() == 2) {
            return method.equals("POST") ? seed(sandbox, call.body()) : notAllowed("POST");
        }
        if (resource.equals("inventory") && segments.size() == 3) {
            if (!method.equals("GET")) {
                return notAllowed("GET");
            }
            Map<String, String> query = call.query();
            String sku = segments.get(2);
            OptionalLong quantity = sandbox.quantity(sku, query.get("account"), query.get("locationId"));
            if (quantity.isEmpty()) {
                return notFound(channel.get().id() + " lists no SKU " + sku
                        + (query.containsKey("account") ? " for account " + query.get("account") : "")
                        + (query.containsKey("locationId") ? " at " + query.get("locationId") : ""));
            }
            ObjectNode body = json.createObjectNode().put("quantity", quantity.getAsLong());
            sandbox.describe(sku, query.get("account"), query.get("locationId"), body);
            return Answer.json(json, 200, body);
        }
        if (resource.equals("stats") && segments.size() == 2) {
            return method.equals("GET") ? Answer.json(json, 200, statsJson(sandbox.counters().snapshot()))
                    : notAllowed("GET");
        }
        return notFound("no resource " + call.rawPath());
    }

    private Answer changeFault(SalesChannel channel, byte[] body) {
        JsonNode change;
        try {
            change = json.readTree(body);
        } catch (IOException e) {
            return invalid("the body is not JSON: " + e.getMessage());
        }
        if (change == null || !change.isObject()) {
            return invalid("send {\"mode\": \"none\"|\"outage\"|\"throttle-storm\", \"forSeconds\": n}");
        }
        Optional<Answer> unknown = unknownField(change, FAULT_FIELDS);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        Optional<MarketplaceFault> mode = MarketplaceFault.fromId(change.path("mode").textValue());
        if (mode.isEmpty()) {
            return invalid("mode must be none, outage or throttle-storm");
        }
        Duration lasting = null;
        JsonNode seconds = change.get("forSeconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.isIntegralNumber() || seconds.longValue() < 1) {
                return invalid("forSeconds must be a whole number, 1 or more (leave it out for until changed)");
            }
            lasting = Duration.ofSeconds(seconds.longValue());
        }
        return Answer.json(json, 200, faultJson(channel, faults.set(channel, mode.get(), lasting)));
    }

    private Answer seed(SandboxChannel sandbox, byte[] body) {
        JsonNode listing;
        try {
            listing = json.readTree(body);
        } catch (IOException e) {
            return invalid("the body is not JSON: " + e.getMessage());
        }
        if (listing == null || !listing.isObject()) {
            return invalid("send one listing as a JSON object");
        }
        Optional<Answer> unknown = unknownField(listing, LISTING_FIELDS.get(sandbox.channel()));
        if (unknown.isPresent()) {
            return unknown.get();
        }
        try {
            return Answer.json(json, 201, sandbox.seed(listing));
        } catch (IllegalArgumentException e) {
            return Answer.problem(json, 422, "invalid-listing", "Invalid listing", e.getMessage());
        }
    }

    private ObjectNode faultJson(SalesChannel channel, ChannelFaults.InForce fault) {
        ObjectNode node = json.createObjectNode().put("channel", channel.id()).put("mode", fault.mode().id());
        if (fault.until() == null) {
            node.putNull("until");
        } else {
            node.put("until", fault.until().toString());
        }
        return node;
    }

    ObjectNode statsJson(MarketplaceStats stats) {
        return json.createObjectNode()
                .put("calls", stats.calls())
                .put("updatesApplied", stats.updatesApplied())
                .put("casConflicts", stats.casConflicts())
                .put("throttled", stats.throttled())
                .put("failed", stats.failed())
                .put("rejected", stats.rejected())
                .put("tokenGrants", stats.tokenGrants());
    }

    private Optional<Answer> unknownField(JsonNode body, Set<String> known) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return Optional.of(invalid("unknown field '" + name + "'; known: " + known.stream().sorted().toList()));
            }
        }
        return Optional.empty();
    }

    private Answer invalid(String detail) {
        return Answer.problem(json, 400, "invalid-request", "Invalid request", detail);
    }

    private Answer notFound(String detail) {
        return Answer.problem(json, 404, "not-found", "Not found", detail);
    }

    private Answer notAllowed(String allow) {
        return Answer.problem(json, 405, "method-not-allowed", "Method not allowed", "allowed: " + allow)
                .withHeader("Allow", allow);
    }
}
