package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox's own endpoints under {@code /sandbox/erp/}, for the demo and for tests. Not part of the ERP contract:
 * no API key, no injected faults.
 * <ul>
 *   <li>{@code GET /sandbox/erp/faults}: the faults in force;</li>
 *   <li>{@code PUT /sandbox/erp/faults}: changes the faults the body names and keeps the others, so
 *   {@code {"outageSeconds": 30}} takes the ERP down for 30 s from now and leaves the error rate as it is. Fields:
 *   {@code errorRate}, {@code addedLatencyMillis}, {@code latencyJitterMillis}, {@code dropResponseAfterCreate},
 *   {@code rateLimitPerSecond} (null or 0: none), {@code outage} ({@code {"from": …, "until": …}} or null) or
 *   {@code outageSeconds} (0 ends an outage). An unknown field is refused, so a typo never passes for a change;</li>
 *   <li>{@code DELETE /sandbox/erp/faults}: no faults any more;</li>
 *   <li>{@code GET /sandbox/erp/sales-orders}: every document, in creation order;</li>
 *   <li>{@code GET /sandbox/erp/sales-orders/{documentId}}: one document with the sales order it holds;</li>
 *   <li>{@code GET /sandbox/erp/stats}: the counters of {@link SandboxErpStats}.</li>
 * </ul>
 */
final class SandboxAdminApi {

    static final String ROOT = "/sandbox/erp";

    private static final Set<String> FAULT_FIELDS = Set.of("errorRate", "addedLatencyMillis", "latencyJitterMillis",
            "outage", "outageSeconds", "dropResponseAfterCreate", "rateLimitPerSecond", "maxOrdersPerSecond");

    private final ObjectMapper json;
    private final OrderBook book;
    private final InjectedFaults faults;
    private final CallCounters counters;
    private final Clock clock;

    SandboxAdminApi(ObjectMapper json, OrderBook book, InjectedFaults faults, CallCounters counters, Clock clock) {
        this.json = json;
        this.book = book;
        this.faults = faults;
        this.counters = counters;
        this.clock = clock;
    }

    static boolean serves(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    Answer handle(Call call) {
        String path = call.path();
        String method = call.method();
        if (path.equals(ROOT + "/faults")) {
            switch (method) {
                case "GET":
                    return Answer.json(json, 200, faultsJson(faults.current()));
                case "PUT":
                    return changeFaults(call.body());
                case "DELETE":
                    faults.set(SandboxErpFaults.none());
                    return Answer.json(json, 200, faultsJson(faults.current()));
                default:
                    return notAllowed("GET, PUT, DELETE");
            }
        }
        if (path.equals(ROOT + "/sales-orders")) {
            if (!method.equals("GET")) {
                return notAllowed("GET");
            }
            ArrayNode items = json.createArrayNode();
            book.all().forEach(document -> items.add(summary(document)));
            ObjectNode list = json.createObjectNode();
            list.set("items", items);
            return Answer.json(json, 200, list);
        }
        if (path.startsWith(ROOT + "/sales-orders/")) {
            if (!method.equals("GET")) {
                return notAllowed("GET");
            }
            String documentId = path.substring((ROOT + "/sales-orders/").length());
            Optional<SandboxSalesOrder> document = book.document(documentId);
            if (document.isEmpty()) {
                return Answer.problem(json, 404, "unknown-document", "No such sales order",
                        "the ERP holds no sales order " + documentId, null);
            }
            ObjectNode body = summary(document.get());
            try {
                body.set("salesOrder", json.readTree(document.get().salesOrderJson()));
            } catch (IOException e) {
                throw new IllegalStateException("stored sales order of " + documentId + " is not JSON", e);
            }
            return Answer.json(json, 200, body);
        }
        if (path.equals(ROOT + "/stats")) {
            return method.equals("GET") ? Answer.json(json, 200, statsJson(counters.snapshot())) : notAllowed("GET");
        }
        return Answer.problem(json, 404, "not-found", "Not found", "no resource " + path, null);
    }

    private Answer changeFaults(byte[] body) {
        JsonNode change;
        try {
            change = json.readTree(body);
        } catch (IOException e) {
            return invalid("the body is not JSON: " + e.getMessage());
        }
        if (change == null || !change.isObject()) {
            return invalid("send a JSON object naming the faults to change");
        }
        for (Iterator<String> names = change.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FAULT_FIELDS.contains(name)) {
                return invalid("unknown fault '" + name + "'; known: " + FAULT_FIELDS.stream().sorted().toList());
            }
        }
        if (change.has("outage") && change.has("outageSeconds")) {
            return invalid("give outage or outageSeconds, not both");
        }
        try {
            SandboxErpFaults changed = merge(faults.current(), change);
            faults.set(changed);
            return Answer.json(json, 200, faultsJson(changed));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return invalid(e.getMessage());
        }
    }

    private SandboxErpFaults merge(SandboxErpFaults current, JsonNode change) {
        SandboxErpFaults merged = current;
        if (change.has("errorRate")) {
            merged = merged.withErrorRate(number(change, "errorRate"));
        }
        if (change.has("addedLatencyMillis") || change.has("latencyJitterMillis")) {
            Duration fixed = change.has("addedLatencyMillis")
                    ? Duration.ofMillis(whole(change, "addedLatencyMillis")) : merged.addedLatency();
            Duration jitter = change.has("latencyJitterMillis")
                    ? Duration.ofMillis(whole(change, "latencyJitterMillis")) : merged.latencyJitter();
            merged = merged.withAddedLatency(fixed, jitter);
        }
        if (change.has("dropResponseAfterCreate")) {
            merged = merged.withDropResponseAfterCreate(number(change, "dropResponseAfterCreate"));
        }
        if (change.has("rateLimitPerSecond")) {
            merged = merged.withRateLimitPerSecond(change.get("rateLimitPerSecond").isNull()
                    ? 0 : Math.toIntExact(whole(change, "rateLimitPerSecond")));
        }
        if (change.has("maxOrdersPerSecond")) {
            merged = merged.withMaxOrdersPerSecond(change.get("maxOrdersPerSecond").isNull()
                    ? 0 : Math.toIntExact(whole(change, "maxOrdersPerSecond")));
        }
        if (change.has("outageSeconds")) {
            long seconds = whole(change, "outageSeconds");
            merged = merged.withOutage(seconds == 0 ? null
                    : SandboxErpFaults.Outage.lasting(Duration.ofSeconds(seconds), clock.instant()));
        }
        if (change.has("outage")) {
            JsonNode outage = change.get("outage");
            if (outage.isNull()) {
                merged = merged.withOutage(null);
            } else if (outage.isObject() && outage.hasNonNull("from") && outage.hasNonNull("until")) {
                merged = merged.withOutage(new SandboxErpFaults.Outage(instant(outage.get("from")),
                        instant(outage.get("until"))));
            } else {
                throw new IllegalArgumentException("outage must be null or {\"from\": <date-time>, \"until\": <date-time>}");
            }
        }
        return merged;
    }

    private ObjectNode faultsJson(SandboxErpFaults current) {
        ObjectNode node = json.createObjectNode()
                .put("errorRate", current.errorRate())
                .put("addedLatencyMillis", current.addedLatency().toMillis())
                .put("latencyJitterMillis", current.latencyJitter().toMillis())
                .put("dropResponseAfterCreate", current.dropResponseAfterCreate());
        if (current.rateLimitPerSecond() > 0) {
            node.put("rateLimitPerSecond", current.rateLimitPerSecond());
        } else {
            node.putNull("rateLimitPerSecond");
        }
        if (current.maxOrdersPerSecond() > 0) {
            node.put("maxOrdersPerSecond", current.maxOrdersPerSecond());
        } else {
            node.putNull("maxOrdersPerSecond");
        }
        if (current.outage() == null) {
            node.putNull("outage");
        } else {
            node.putObject("outage")
                    .put("from", ErpTimestamps.format(current.outage().from()))
                    .put("until", ErpTimestamps.format(current.outage().until()))
                    .put("active", current.outage().covers(clock.instant()));
        }
        return node;
    }

    private ObjectNode summary(SandboxSalesOrder document) {
        return json.createObjectNode()
                .put("documentId", document.documentId())
                .put("externalReference", document.externalReference())
                .put("sourceVersion", ErpTimestamps.format(document.sourceVersion()))
                .put("createdAt", ErpTimestamps.format(document.createdAt()))
                .put("updatedAt", ErpTimestamps.format(document.updatedAt()))
                .put("versionCount", document.versionCount())
                .put("status", document.status())
                .put("currency", document.currency())
                .put("grandTotal", document.grandTotal());
    }

    private ObjectNode statsJson(SandboxErpStats stats) {
        ObjectNode node = json.createObjectNode()
                .put("requests", stats.requests())
                .put("finds", stats.finds())
                .put("creates", stats.creates())
                .put("createRequestsForExistingReference", stats.createRequestsForExistingReference())
                .put("idempotentReplays", stats.idempotentReplays())
                .put("updates", stats.updates())
                .put("unchangedUpdates", stats.unchangedUpdates())
                .put("staleUpdates", stats.staleUpdates())
                .put("rejected", stats.rejected())
                .put("unauthorized", stats.unauthorized());
        ObjectNode injected = node.putObject("faultsInjected");
        for (FaultKind kind : FaultKind.values()) {
            injected.put(kind.name(), stats.faultsInjected(kind));
        }
        return node;
    }

    private Answer invalid(String detail) {
        return Answer.problem(json, 400, "invalid-request", "Invalid request", detail, null);
    }

    private Answer notAllowed(String allow) {
        return Answer.problem(json, 405, "method-not-allowed", "Method not allowed", "allowed: " + allow, null)
                .withHeader("Allow", allow);
    }

    private static double number(JsonNode change, String field) {
        JsonNode value = change.get(field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return value.doubleValue();
    }

    private static long whole(JsonNode change, String field) {
        JsonNode value = change.get(field);
        if (!value.isIntegralNumber() || value.longValue() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number, 0 or more");
        }
        return value.longValue();
    }

    private static Instant instant(JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("outage instants must be RFC 3339 date-times");
        }
        return OffsetDateTime.parse(value.textValue()).toInstant();
    }
}
