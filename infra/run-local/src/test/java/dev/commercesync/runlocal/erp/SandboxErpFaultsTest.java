package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.commercesync.runlocal.erp.ErpCaller.body;
import static dev.commercesync.runlocal.erp.ErpCaller.salesOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each injected fault, as a caller over real HTTP sees it. */
class SandboxErpFaultsTest {

    private static final String REFERENCE = "ebay:12-11555-01420";
    private static final String VERSION = "2026-11-20T14:05:12.000Z";
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00.250Z");

    private final List<SandboxErp> started = new ArrayList<>();

    private SandboxErp start(SandboxErpFaults faults, Clock clock) throws IOException {
        SandboxErp erp = SandboxErp.start(SandboxErpConfig.defaults().withPort(0).withSeed(7).withFaults(faults),
                clock);
        started.add(erp);
        return erp;
    }

    @AfterEach
    void stop() {
        started.forEach(SandboxErp::close);
    }

    @Test
    void theErrorRateAnswers503ForThatShareOfCallsRepeatablyForASeed() throws IOException {
        List<Integer> first = statuses(start(SandboxErpFaults.none().withErrorRate(0.5), Clock.systemUTC()), 20);
        List<Integer> second = statuses(start(SandboxErpFaults.none().withErrorRate(0.5), Clock.systemUTC()), 20);

        assertThat(first).isEqualTo(second).containsOnly(200, 503);
        assertThat(first.stream().filter(s -> s == 503).count()).isBetween(4L, 16L);
        assertThat(statuses(start(SandboxErpFaults.none().withErrorRate(1), Clock.systemUTC()), 3))
                .containsOnly(503);
        assertThat(started.get(0).stats().faultsInjected(FaultKind.SERVER_ERROR))
                .isEqualTo(first.stream().filter(s -> s == 503).count());
    }

    @Test
    void addedLatencyHoldsEveryCall() throws IOException {
        SandboxErp erp = start(SandboxErpFaults.none().withAddedLatency(Duration.ofMillis(150), Duration.ofMillis(50)),
                Clock.systemUTC());
        ErpCaller caller = new ErpCaller(erp.baseUrl(), null);
        for (int i = 0; i < 2; i++) {
            long started = System.nanoTime();
            assertThat(caller.find(REFERENCE).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
        assertThat(erp.stats().faultsInjected(FaultKind.ADDED_LATENCY)).isEqualTo(2);
    }

    @Test
    void anOutageAnswers503WithRetryAfterUntilItEnds() throws IOException {
        SettableClock clock = new SettableClock(NOW);
        SandboxErp erp = start(SandboxErpFaults.none(), clock);
        ErpCaller caller = new ErpCaller(erp.baseUrl(), null);

        HttpResponse<String> set = caller.send(caller.request("/sandbox/erp/faults")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"outageSeconds\": 30}")).build());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(body(set).get("outage").get("active").asBoolean()).isTrue();

        HttpResponse<String> down = caller.create(salesOrder(REFERENCE, VERSION));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        clock.advance(Duration.ofMillis(29_500));
        assertThat(caller.find(REFERENCE).headers().firstValue("Retry-After")).hasValue("1");
        clock.advance(Duration.ofMillis(500));
        assertThat(caller.find(REFERENCE).statusCode()).isEqualTo(200);
        assertThat(erp.documents()).isEmpty();
        assertThat(erp.stats().faultsInjected(FaultKind.OUTAGE)).isEqualTo(2);
    }

    @Test
    void callsBeyondTheRateLimitAnswer429UntilTheNextSecond() throws IOException {
        SettableClock clock = new SettableClock(NOW);
        SandboxErp erp = start(SandboxErpFaults.none().withRateLimitPerSecond(3), clock);
        ErpCaller caller = new ErpCaller(erp.baseUrl(), null);

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = caller.find(REFERENCE);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(caller.find(REFERENCE).statusCode()).isEqualTo(200);
        assertThat(erp.stats().faultsInjected(FaultKind.RATE_LIMITED)).isEqualTo(2);
    }

    @Test
    void orderWritesBeyondTheCapAnswer429WhileLookupsPass() throws IOException {
        SettableClock clock = new SettableClock(NOW);
        SandboxErp erp = start(SandboxErpFaults.none().withMaxOrdersPerSecond(2), clock);
        ErpCaller caller = new ErpCaller(erp.baseUrl(), null);

        List<Integer> creates = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> response = caller.create(salesOrder("ebay:12-11555-0142" + i, VERSION));
            creates.add(response.statusCode());
            refused = response.statusCode() == 429 ? response : refused;
        }
        assertThat(creates).containsExactly(201, 201, 429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(caller.find("ebay:12-11555-01423").statusCode()).isEqualTo(200);
        assertThat(caller.update("SO-100001", salesOrder("ebay:12-11555-01421", VERSION)).statusCode())
                .isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));
        assertThat(caller.create(salesOrder("ebay:12-11555-01423", VERSION)).statusCode()).isEqualTo(201);
        assertThat(erp.stats().creates()).isEqualTo(3);
        assertThat(erp.stats().faultsInjected(FaultKind.ORDER_CAP)).isEqualTo(2);
        assertThat(erp.stats().faultsInjected(FaultKind.RATE_LIMITED)).isZero();
    }

    @Test
    void aDroppedCreateResponseLeavesTheDocumentCreated() throws IOException {
        SandboxErp erp = start(SandboxErpFaults.none().withDropResponseAfterCreate(1), Clock.systemUTC());
        ErpCaller caller = new ErpCaller(erp.baseUrl(), null);
        HttpRequest create = caller.request("/sales-orders").header("Content-Type", "application/json")
                .header("Idempotency-Key", REFERENCE + "@" + VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(salesOrder(REFERENCE, VERSION).toString())).build();

        assertThatThrownBy(() -> caller.sendOrFail(create)).isInstanceOf(IOException.class);

        // What post-to-erp does next: look first, and find the document the lost answer would have named.
        JsonNode items = body(caller.find(REFERENCE)).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("documentId").asText()).isEqualTo("SO-100001");
        // Only creates that create lose their answer: the repeated key is answered.
        assertThat(caller.sendOrFail(create).statusCode()).isEqualTo(200);
        assertThat(erp.stats().creates()).isEqualTo(1);
        assertThat(erp.stats().faultsInjected(FaultKind.RESPONSE_DROPPED)).isEqualTo(1);
    }

    @Test
    void faultsChangeAtRunTimeAndNeverStrikeTheSandboxEndpoints() throws IOException {
        SandboxErp erp = start(SandboxErpFaults.none().withErrorRate(1), Clock.systemUTC());
        ErpCaller caller = new ErpCaller(erp.baseUrl(), null);

        JsonNode faults = body(caller.send(caller.request("/sandbox/erp/faults").GET().build()));
        assertThat(faults.get("errorRate").asDouble()).isEqualTo(1.0);
        assertThat(faults.get("rateLimitPerSecond").isNull()).isTrue();

        HttpResponse<String> changed = caller.send(caller.request("/sandbox/erp/faults")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"addedLatencyMillis\": 5, \"rateLimitPerSecond\": 50}"))
                .build());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(erp.faults()).isEqualTo(SandboxErpFaults.none().withErrorRate(1)
                .withAddedLatency(Duration.ofMillis(5), Duration.ZERO).withRateLimitPerSecond(50));

        HttpResponse<String> typo = caller.send(caller.request("/sandbox/erp/faults")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRat\": 0}")).build());
        assertThat(typo.statusCode()).isEqualTo(400);
        HttpResponse<String> outOfRange = caller.send(caller.request("/sandbox/erp/faults")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"errorRate\": 2}")).build());
        assertThat(outOfRange.statusCode()).isEqualTo(400);

        erp.setFaults(SandboxErpFaults.none());
        assertThat(caller.find(REFERENCE).statusCode()).isEqualTo(200);
        erp.setFaults(SandboxErpFaults.none().withErrorRate(1));
        assertThat(caller.send(caller.request("/sandbox/erp/faults").DELETE().build()).statusCode()).isEqualTo(200);
        assertThat(erp.faults()).isEqualTo(SandboxErpFaults.none());
    }

    private static List<Integer> statuses(SandboxErp erp, int calls) {
        ErpCaller caller = new ErpCaller(erp.baseUrl(), null);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            statuses.add(caller.find(REFERENCE).statusCode());
        }
        return statuses;
    }
}
