package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's three operations ({@code infra/erp/generic-erp-openapi.yaml}) over the {@link OrderBook}: find by
 * external reference, create, update. Bearer authentication first, then the operation; faults are
 * {@link InjectedFaults}' business and happen before this is called.
 */
final class SalesOrderApi {

    static final String COLLECTION = "/sales-orders";

    private static final int IDEMPOTENCY_KEY_MAX = 255;
    private static final Pattern EXTERNAL_REFERENCE = Pattern.compile("^(shopify|amazon|ebay):.+$");

    private final ObjectMapper json;
    // Strict as the pipeline's own readers: a duplicate key or trailing garbage is a malformed body, not a guess.
    private final ObjectReader bodyReader;
    private final OrderBook book;
    private final InjectedFaults faults;
    private final CallCounters counters;
    private final Clock clock;
    private final byte[] apiKey;
    private final Set<String> skuCatalogue;

    SalesOrderApi(ObjectMapper json, OrderBook book, InjectedFaults faults, CallCounters counters, Clock clock,
                  String apiKey, Set<String> skuCatalogue) {
        this.json = json;
        this.bodyReader = json.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.book = book;
        this.faults = faults;
        this.counters = counters;
        this.clock = clock;
        this.apiKey = apiKey == null ? null : ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
        this.skuCatalogue = skuCatalogue;
    }

    static boolean serves(String path) {
        return path.equals(COLLECTION) || path.startsWith(COLLECTION + "/");
    }

    /** Whether the call creates ({@code POST /sales-orders}) or updates ({@code PUT /sales-orders/{id}}) an order. */
    static boolean writesOrder(Call call) {
        return ("POST".equals(call.method()) && call.path().equals(COLLECTION))
                || ("PUT".equals(call.method()) && call.path().startsWith(COLLECTION + "/"));
    }

    Answer handle(Call call) {
        if (!authorised(call)) {
            counters.unauthorized.increment();
            return Answer.problem(json, 401, "unauthorized", "Unauthorized",
                    "Authorization: Bearer <api key> missing or wrong", null)
                    .withHeader("WWW-Authenticate", "Bearer realm=\"sandbox-erp\"");
        }
        Answer answer = route(call);
        if (!answer.dropConnection() && answer.status() >= 400 && answer.status() != 409) {
            counters.rejected.increment();
        }
        return answer;
    }

    private Answer route(Call call) {
        String path = call.path();
        if (path.equals(COLLECTION)) {
            switch (call.method()) {
                case "GET":
                    return find(call);
                case "POST":
                    return create(call);
                default:
                    return notAllowed("GET, POST");
            }
        }
        String documentId = path.substring(COLLECTION.length() + 1);
        if (documentId.isEmpty() || documentId.contains("/")) {
            return Answer.problem(json, 404, "not-found", "Not found", "no resource " + path, null);
        }
        return "PUT".equals(call.method()) ? update(call, documentId) : notAllowed("PUT");
    }

    private Answer find(Call call) {
        String reference = queryParameter(call.rawQuery(), "externalReference");
        if (reference == null || !EXTERNAL_REFERENCE.matcher(reference).matches()) {
            return Answer.problem(json, 400, "invalid-request", "Invalid request",
                    "externalReference must be given as <channel>:<order id>", null);
        }
        ArrayNode items = json.createArrayNode();
        for (SandboxSalesOrder document : book.find(reference)) {
            items.add(document(document));
        }
        counters.finds.increment();
        ObjectNode list = json.createObjectNode();
        list.set("items", items);
        return Answer.json(json, 200, list);
    }

    private Answer create(Call call) {
        String key = call.header().apply("Idempotency-Key");
        if (key == null || key.isBlank() || key.length() > IDEMPOTENCY_KEY_MAX) {
            return Answer.problem(json, 400, "invalid-request", "Invalid request",
                    "Idempotency-Key header required (<externalReference>@<sourceVersion>, at most "
                            + IDEMPOTENCY_KEY_MAX + " characters)", null);
        }
        Read read = read(call);
        if (read.refusal() != null) {
            return read.refusal();
        }
        OrderBook.CreateResult result = book.create(read.order(), key, clock.instant());
        if (result.referenceExisted()) {
            counters.createRequestsForExistingReference.increment();
        }
        SandboxSalesOrder document = result.document();
        switch (result.verdict()) {
            case CREATED:
                counters.creates.increment();
                if (faults.dropCreateResponse()) {
                    return Answer.dropped();
                }
                return Answer.json(json, 201, document(document))
                        .withHeader("Location", COLLECTION + "/" + document.documentId());
            case REPLAYED:
                counters.idempotentReplays.increment();
                return Answer.json(json, 200, document(document));
            case EXISTS:
                return existing(409, "duplicate-external-reference", "Sales order exists", "Sales order "
                        + document.documentId() + " already holds external reference "
                        + document.externalReference(), document);
            case KEY_REUSED:
                return existing(422, "idempotency-key-reused", "Idempotency-Key reused", "Idempotency-Key "
                        + key + " was used for " + document.externalReference() + " (" + document.documentId()
                        + "), not for " + read.order().externalReference(), document);
            default:
                throw new IllegalStateException("unknown create verdict " + result.verdict());
        }
    }

    private Answer update(Call call, String documentId) {
        Read read = read(call);
        if (read.refusal() != null) {
            return read.refusal();
        }
        OrderBook.UpdateResult result = book.update(documentId, read.order(), clock.instant());
        SandboxSalesOrder document = result.document();
        switch (result.verdict()) {
            case UPDATED:
                counters.updates.increment();
                return Answer.json(json, 200, document(document));
            case UNCHANGED:
                counters.unchangedUpdates.increment();
                return Answer.json(json, 200, document(document));
            case STALE:
                counters.staleUpdates.increment();
                return existing(409, "stale-source-version", "Newer version held", documentId + " holds version "
                        + ErpTimestamps.format(document.sourceVersion()), document);
            case NOT_FOUND:
                return Answer.problem(json, 404, "unknown-document", "No such sales order",
                        "the ERP holds no sales order " + documentId, null);
            case REFERENCE_MISMATCH:
                return existing(422, "external-reference-mismatch", "External reference mismatch", documentId
                        + " holds " + document.externalReference() + ", not " + read.order().externalReference(),
                        document);
            default:
                throw new IllegalStateException("unknown update verdict " + result.verdict());
        }
    }

    /** A body read as a sales order, or the answer refusing it. */
    private record Read(OrderBook.Posted order, Answer refusal) {
    }

    private Read read(Call call) {
        String contentType = call.header().apply("Content-Type");
        if (!isJson(contentType)) {
            return new Read(null, Answer.problem(json, 415, "unsupported-media-type", "Unsupported media type",
                    "send the sales order as application/json, not " + contentType, null));
        }
        JsonNode body;
        try {
            body = bodyReader.readTree(call.body());
        } catch (JsonProcessingException e) {
            return new Read(null, Answer.problem(json, 400, "malformed-json", "Malformed JSON",
                    "the body is not JSON: " + e.getOriginalMessage(), null));
        } catch (IOException e) {
            return new Read(null, Answer.problem(json, 400, "malformed-json", "Malformed JSON",
                    "the body is not JSON: " + e.getMessage(), null));
        }
        SalesOrderContract.Reading reading = SalesOrderContract.read(body,
                new String(call.body(), StandardCharsets.UTF_8), skuCatalogue);
        if (!reading.malformed().isEmpty()) {
            return new Read(null, violations(400, "invalid-sales-order", "Invalid sales order",
                    reading.malformed()));
        }
        if (!reading.refused().isEmpty()) {
            boolean unknownItem = reading.refused().stream().allMatch(v -> v.pointer().endsWith("/sku"));
            return new Read(null, violations(422, unknownItem ? "unknown-item" : "sales-order-rejected",
                    unknownItem ? "Unknown item" : "Sales order rejected", reading.refused()));
        }
        return new Read(reading.order(), null);
    }

    private Answer violations(int status, String type, String title, List<SalesOrderContract.Violation> found) {
        ArrayNode errors = json.createArrayNode();
        for (SalesOrderContract.Violation violation : found) {
            errors.addObject().put("pointer", violation.pointer()).put("detail", violation.detail());
        }
        ObjectNode extra = json.createObjectNode();
        extra.set("errors", errors);
        SalesOrderContract.Violation first = found.get(0);
        String detail = (first.pointer().isEmpty() ? "" : first.pointer() + ": ") + first.detail()
                + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : "");
        return Answer.problem(json, status, type, title, detail, extra);
    }

    private Answer existing(int status, String type, String title, String detail, SandboxSalesOrder document) {
        return Answer.problem(json, status, type, title, detail, document(document));
    }

    private ObjectNode document(SandboxSalesOrder document) {
        return json.createObjectNode()
                .put("documentId", document.documentId())
                .put("externalReference", document.externalReference())
                .put("sourceVersion", ErpTimestamps.format(document.sourceVersion()));
    }

    private Answer notAllowed(String allow) {
        return Answer.problem(json, 405, "method-not-allowed", "Method not allowed", "allowed: " + allow, null)
                .withHeader("Allow", allow);
    }

    private boolean authorised(Call call) {
        if (apiKey == null) {
            return true;
        }
        String presented = call.header().apply("Authorization");
        // Constant time, as a real ERP should: the sandbox is where callers learn the habits they ship with.
        return presented != null && MessageDigest.isEqual(apiKey, presented.trim().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
