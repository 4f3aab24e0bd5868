package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.commercesync.runlocal.erp.ErpCaller.body;
import static dev.commercesync.runlocal.erp.ErpCaller.salesOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract's operations over real HTTP on 127.0.0.1. */
class SandboxErpTest {

    private static final String REFERENCE = "shopify:5823416025378";
    private static final String V1 = "2026-11-20T15:15:02.000Z";
    private static final String V2 = "2026-11-21T14:30:00.000Z";

    private SandboxErp erp;
    private ErpCaller caller;

    private void start(SandboxErpConfig config) throws IOException {
        erp = SandboxErp.start(config.withPort(0));
        caller = new ErpCaller(erp.baseUrl(), config.apiKey());
    }

    private void start() throws IOException {
        start(SandboxErpConfig.defaults());
    }

    @AfterEach
    void stop() {
        if (erp != null) {
            erp.close();
        }
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        start();
        assertThat(erp.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + erp.port()));
        assertThat(erp.port()).isPositive();
    }

    @Test
    void findAnswersAnEmptyListForAnUnknownReference() throws IOException {
        start();
        HttpResponse<String> found = caller.find(REFERENCE);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(body(found).get("items")).isEmpty();
    }

    @Test
    void createsADocumentThatFindReturns() throws IOException {
        start();
        HttpResponse<String> created = caller.create(salesOrder(REFERENCE, V1));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/sales-orders/SO-100001");
        JsonNode document = body(created);
        assertThat(document.get("documentId").asText()).isEqualTo("SO-100001");
        assertThat(document.get("externalReference").asText()).isEqualTo(REFERENCE);
        assertThat(document.get("sourceVersion").asText()).isEqualTo(V1);

        JsonNode items = body(caller.find(REFERENCE)).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("documentId").asText()).isEqualTo("SO-100001");
        assertThat(caller.create(salesOrder("amazon:113-5550142-7730002", V1)).statusCode()).isEqualTo(201);
        assertThat(erp.documents()).extracting(SandboxSalesOrder::documentId).containsExactly("SO-100001", "SO-100002");
        assertThat(erp.stats().creates()).isEqualTo(2);
        assertThat(erp.stats().createRequestsForExistingReference()).isZero();
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheOriginalDocument() throws IOException {
        start();
        caller.create(salesOrder(REFERENCE, V1));
        HttpResponse<String> repeated = caller.create(salesOrder(REFERENCE, V1));

        assertThat(repeated.statusCode()).isEqualTo(200);
        assertThat(body(repeated).get("documentId").asText()).isEqualTo("SO-100001");
        assertThat(erp.documents()).hasSize(1);
        assertThat(erp.stats().idempotentReplays()).isEqualTo(1);
        assertThat(erp.stats().createRequestsForExistingReference()).isEqualTo(1);
    }

    @Test
    void aCreateForAHeldReferenceAnswers409NamingTheDocument() throws IOException {
        start();
        caller.create(salesOrder(REFERENCE, V1));
        HttpResponse<String> again = caller.create(salesOrder(REFERENCE, V2));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = body(again);
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("type").asText()).endsWith("/duplicate-external-reference");
        assertThat(problem.get("documentId").asText()).isEqualTo("SO-100001");
        assertThat(problem.get("externalReference").asText()).isEqualTo(REFERENCE);
        assertThat(problem.get("sourceVersion").asText()).isEqualTo(V1);
        assertThat(erp.documents()).hasSize(1);
        assertThat(erp.stats().createRequestsForExistingReference()).isEqualTo(1);
    }

    @Test
    void racingCreatesOfOneReferenceMakeOneDocument() throws Exception {
        start();
        int callers = 5;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                String key = REFERENCE + "@attempt-" + i;
                statuses.add(pool.submit(() -> {
                    go.await();
                    return caller.create(salesOrder(REFERENCE, V1), key).statusCode();
                }));
            }
            go.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get());
            }
            assertThat(answered).containsOnlyOnce(201).containsOnly(201, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(erp.documents()).hasSize(1);
        assertThat(erp.stats().createRequestsForExistingReference()).isEqualTo(callers - 1);
    }

    @Test
    void anUpdateWithANewerVersionReplacesTheDocument() throws IOException {
        start();
        caller.create(salesOrder(REFERENCE, V1));
        ObjectNode v2 = salesOrder(REFERENCE, V2).put("status", "PARTIALLY_FULFILLED");
        HttpResponse<String> updated = caller.update("SO-100001", v2);

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(body(updated).get("sourceVersion").asText()).isEqualTo(V2);
        SandboxSalesOrder document = erp.documents().get(0);
        assertThat(document.versionCount()).isEqualTo(2);
        assertThat(document.sourceVersion()).isEqualTo(Instant.parse(V2));
        assertThat(document.status()).isEqualTo("PARTIALLY_FULFILLED");
        assertThat(document.salesOrderJson()).contains("PARTIALLY_FULFILLED");
        assertThat(document.updatedAt()).isAfterOrEqualTo(document.createdAt());
        assertThat(erp.stats().updates()).isEqualTo(1);
    }

    @Test
    void anUpdateWithTheHeldVersionChangesNothing() throws IOException {
        start();
        caller.create(salesOrder(REFERENCE, V1));
        // The same instant written without milliseconds is the same version.
        HttpResponse<String> same = caller.update("SO-100001", salesOrder(REFERENCE, "2026-11-20T15:15:02Z"));

        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(body(same).get("sourceVersion").asText()).isEqualTo(V1);
        assertThat(erp.documents().get(0).versionCount()).isEqualTo(1);
        assertThat(erp.stats().unchangedUpdates()).isEqualTo(1);
        assertThat(erp.stats().updates()).isZero();
    }

    @Test
    void anUpdateOlderThanTheHeldVersionAnswers409NamingIt() throws IOException {
        start();
        caller.create(salesOrder(REFERENCE, V2));
        HttpResponse<String> stale = caller.update("SO-100001", salesOrder(REFERENCE, V1));

        assertThat(stale.statusCode()).isEqualTo(409);
        JsonNode problem = body(stale);
        assertThat(problem.get("type").asText()).endsWith("/stale-source-version");
        assertThat(problem.get("documentId").asText()).isEqualTo("SO-100001");
        assertThat(problem.get("sourceVersion").asText()).isEqualTo(V2);
        assertThat(erp.documents().get(0).sourceVersion()).isEqualTo(Instant.parse(V2));
        assertThat(erp.stats().staleUpdates()).isEqualTo(1);
    }

    @Test
    void anUpdateOfAnUnknownDocumentAnswers404AndOfAnotherReference422() throws IOException {
        start();
        caller.create(salesOrder(REFERENCE, V1));

        HttpResponse<String> unknown = caller.update("SO-999999", salesOrder(REFERENCE, V2));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> other = caller.update("SO-100001", salesOrder("shopify:1", V2));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(body(other).get("detail").asText()).contains(REFERENCE, "shopify:1");
        assertThat(erp.stats().rejected()).isEqualTo(2);
    }

    @Test
    void callsWithoutTheApiKeyAreUnauthorized() throws IOException {
        start(SandboxErpConfig.defaults().withApiKey("sandbox-key"));
        ErpCaller withoutKey = new ErpCaller(erp.baseUrl(), null);
        ErpCaller wrongKey = new ErpCaller(erp.baseUrl(), "guessed");

        HttpResponse<String> missing = withoutKey.find(REFERENCE);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(wrongKey.create(salesOrder(REFERENCE, V1)).statusCode()).isEqualTo(401);
        assertThat(caller.find(REFERENCE).statusCode()).isEqualTo(200);
        assertThat(erp.documents()).isEmpty();
        assertThat(erp.stats().unauthorized()).isEqualTo(2);
    }

    @Test
    void aCancelledOrderMayCarryQuantityZeroButAnOpenOneMayNot() throws IOException {
        start();
        ObjectNode cancelled = zeroQuantityOrder("CANCELLED");
        ObjectNode confirmed = zeroQuantityOrder("CONFIRMED");
        confirmed.put("externalReference", "amazon:111-0000000-0000002").put("channelOrderId", "111-0000000-0000002");

        assertThat(caller.create(cancelled).statusCode()).isEqualTo(201);
        HttpResponse<String> open = caller.create(confirmed);
        assertThat(open.statusCode()).isEqualTo(400);
        assertThat(body(open).get("errors").get(0).get("pointer").asText()).isEqualTo("/lines/0/quantity");
    }

    /** Amazon reports a cancelled order with its lines at quantity 0 and no amounts. */
    private static ObjectNode zeroQuantityOrder(String status) {
        ObjectNode order = salesOrder("amazon:111-0000000-0000001", V1).put("status", status);
        ArrayNode lines = order.putArray("lines");
        lines.addObject().put("lineNumber", 1).put("channelLineId", "30000000000001").put("sku", "TSH-CLASSIC-BLK-M")
                .put("description", "T-shirt").put("quantity", 0).put("unitPrice", "0.00").put("taxAmount", "0.00")
                .put("discountAmount", "0.00").put("lineAmount", "0.00");
        order.putObject("shipping").put("method", "Standard").put("price", "0.00").put("tax", "0.00")
                .put("discount", "0.00");
        order.putArray("taxes");
        order.putObject("totals").put("subtotal", "0.00").put("shipping", "0.00").put("tax", "0.00")
                .put("discount", "0.00").put("grandTotal", "0.00");
        return order;
    }

    @Test
    void malformedBodiesAnswer400WithPointers() throws IOException {
        start();
        HttpResponse<String> notJson = caller.send(caller.request("/sales-orders")
                .header("Content-Type", "application/json").header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString("{\"externalReference\": ")).build());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(body(notJson).get("type").asText()).endsWith("/malformed-json");

        ObjectNode noLines = salesOrder(REFERENCE, V1);
        noLines.remove("lines");
        HttpResponse<String> missing = caller.create(noLines);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(body(missing).get("errors").get(0).get("pointer").asText()).isEqualTo("/lines");

        ObjectNode floatingMoney = salesOrder(REFERENCE, V1);
        ((ObjectNode) floatingMoney.get("totals")).put("grandTotal", 80.78);
        HttpResponse<String> number = caller.create(floatingMoney);
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(body(number).get("errors").get(0).get("pointer").asText()).isEqualTo("/totals/grandTotal");

        HttpResponse<String> noKey = caller.send(caller.request("/sales-orders")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(salesOrder(REFERENCE, V1).toString())).build());
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(body(noKey).get("detail").asText()).contains("Idempotency-Key");

        HttpResponse<String> text = caller.send(caller.request("/sales-orders")
                .header("Content-Type", "text/plain").header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(salesOrder(REFERENCE, V1).toString())).build());
        assertThat(text.statusCode()).isEqualTo(415);

        assertThat(erp.documents()).isEmpty();
        assertThat(erp.stats().rejected()).isEqualTo(5);
    }

    @Test
    void anUnknownSkuIsRefusedWith422WhenACatalogueIsConfigured() throws IOException {
        start(SandboxErpConfig.defaults().withSkuCatalogue(Set.of("TSH-CLASSIC-BLK-M")));
        HttpResponse<String> refused = caller.create(salesOrder(REFERENCE, V1));

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = body(refused);
        assertThat(problem.get("type").asText()).endsWith("/unknown-item");
        assertThat(problem.get("detail").asText()).contains("MUG-STONEWARE-12OZ does not exist");
        assertThat(problem.get("errors").get(0).get("pointer").asText()).isEqualTo("/lines/1/sku");
        assertThat(erp.documents()).isEmpty();
    }

    @Test
    void totalsThatDoNotAddUpAreRefusedWith422() throws IOException {
        start();
        ObjectNode order = salesOrder(REFERENCE, V1);
        ((ObjectNode) order.get("totals")).put("grandTotal", "80.79");
        HttpResponse<String> refused = caller.create(order);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(body(refused).get("errors").get(0).get("pointer").asText()).isEqualTo("/totals/grandTotal");
        assertThat(body(refused).get("detail").asText()).contains("80.78");
    }

    @Test
    void laxUniquenessLetsASecondCreateMakeASecondDocument() throws IOException {
        start(SandboxErpConfig.defaults().withLaxUniqueness(true));
        assertThat(caller.create(salesOrder(REFERENCE, V1)).statusCode()).isEqualTo(201);
        HttpResponse<String> second = caller.create(salesOrder(REFERENCE, V1));

        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(body(caller.find(REFERENCE)).get("items")).hasSize(2);
        assertThat(erp.documentsFor(REFERENCE)).extracting(SandboxSalesOrder::documentId)
                .containsExactly("SO-100001", "SO-100002");
        assertThat(erp.stats().createRequestsForExistingReference()).isEqualTo(1);
    }

    @Test
    void theSandboxEndpointsListDocumentsAndCounters() throws IOException {
        start(SandboxErpConfig.defaults().withApiKey("sandbox-key"));
        caller.create(salesOrder(REFERENCE, V1));
        caller.create(salesOrder(REFERENCE, V2));
        caller.update("SO-100001", salesOrder(REFERENCE, V2));
        ErpCaller operator = new ErpCaller(erp.baseUrl(), null);

        JsonNode items = body(operator.send(operator.request("/sandbox/erp/sales-orders").GET().build())).get("items");
        assertThat(items).hasSize(1);
        JsonNode listed = items.get(0);
        assertThat(listed.get("documentId").asText()).isEqualTo("SO-100001");
        assertThat(listed.get("externalReference").asText()).isEqualTo(REFERENCE);
        assertThat(listed.get("sourceVersion").asText()).isEqualTo(V2);
        assertThat(listed.get("versionCount").asInt()).isEqualTo(2);
        assertThat(listed.get("grandTotal").asText()).isEqualTo("80.78");
        assertThat(listed.has("createdAt") && listed.has("updatedAt")).isTrue();

        JsonNode one = body(operator.send(operator.request("/sandbox/erp/sales-orders/SO-100001").GET().build()));
        assertThat(one.get("salesOrder").get("externalReference").asText()).isEqualTo(REFERENCE);

        JsonNode stats = body(operator.send(operator.request("/sandbox/erp/stats").GET().build()));
        assertThat(stats.get("creates").asLong()).isEqualTo(1);
        assertThat(stats.get("createRequestsForExistingReference").asLong()).isEqualTo(1);
        assertThat(stats.get("updates").asLong()).isEqualTo(1);
        assertThat(stats.get("requests").asLong()).isEqualTo(3);
        assertThat(stats.get("faultsInjected").get("SERVER_ERROR").asLong()).isZero();
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws IOException {
        start();
        assertThat(caller.send(caller.request("/orders").GET().build()).statusCode()).isEqualTo(404);
        HttpResponse<String> delete = caller.send(caller.request("/sales-orders").DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(caller.send(caller.request("/sales-orders?externalReference=nope").GET().build()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void afterCloseConnectionsAreRefused() throws IOException {
        start();
        caller.find(REFERENCE);
        erp.close();
        ErpCaller late = new ErpCaller(erp.baseUrl(), null);
        assertThatThrownBy(() -> late.sendOrFail(late.request("/sales-orders?externalReference=" + REFERENCE)
                .GET().build())).isInstanceOf(ConnectException.class);
        erp = null;
    }
}
