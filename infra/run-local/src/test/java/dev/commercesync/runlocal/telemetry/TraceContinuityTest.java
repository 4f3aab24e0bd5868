package dev.commercesync.runlocal.telemetry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContinuityTest {

    private static final Map<String, String> ACCEPTED = Map.of("http.request.method", "POST",
            "http.route", "/v1/orders/{channel}", "http.response.status_code", "202");

    @Test
    void aDeliveryFollowedThroughEveryQueueToTheErpIsOneTraceWithoutUnlinkedHops() {
        List<CollectedSpan> spans = chain("a");

        TraceContinuity continuity = TraceContinuity.of(spans);

        assertThat(continuity.traces()).isEqualTo(1);
        assertThat(continuity.unlinkedHops()).isZero();
    }

    @Test
    void aBatchConsumerSpanLinkedToItsProducersBelongsToTheChainAndCountsAsLinked() {
        List<CollectedSpan> spans = new ArrayList<>(chain("a"));
        spans.addAll(chain("b"));
        // dedupe took both messages in one batch: a trace of its own, linked to both producers.
        spans.add(span("c", "c1", null, "CanonicalOrderQueue process", "CONSUMER", Map.of(),
                List.of(new SpanLink(trace("a"), "a2"), new SpanLink(trace("b"), "b2"))));
        spans.add(span("c", "c2", "c1", "ErpPostingQueue send", "PRODUCER", Map.of(), List.of()));

        TraceContinuity continuity = TraceContinuity.of(spans);

        assertThat(continuity.traces()).isEqualTo(2);
        assertThat(continuity.unlinkedHops()).isZero();
    }

    @Test
    void countsAParentThatWasNeverCollectedAndAConsumerThatLostItsContext() {
        List<CollectedSpan> spans = new ArrayList<>(chain("a"));
        // a CLIENT span under a span that was never exported
        spans.add(span("a", "a9", "ffffffffffffffff", "POST", "CLIENT", Map.of(), List.of()));
        // a consumer linked into the chain, whose parent is gone
        spans.add(span("d", "d1", "eeeeeeeeeeeeeeee", "ErpPostingQueue process", "CONSUMER", Map.of(),
                List.of(new SpanLink(trace("a"), "a2"))));
        // a consumer that lost its context: no parent, and its only link names a span nobody has; it is in the
        // chain's trace because ingest's context reached it as a link-less root in the same trace id
        spans.add(span("a", "a8", null, "OrderIntakeQueue process", "CONSUMER", Map.of(),
                List.of(new SpanLink(trace("z"), "z1"))));

        TraceContinuity continuity = TraceContinuity.of(spans);

        assertThat(continuity.unlinkedHops()).isEqualTo(3);
        assertThat(continuity.unlinked()).extracting(CollectedSpan::spanId)
                .containsExactlyInAnyOrder("a9", "d1", "a8");
    }

    @Test
    void onlyAcceptedOrderDeliveriesCount() {
        List<CollectedSpan> spans = new ArrayList<>(chain("a"));
        spans.add(span("r", "r1", null, "POST /v1/orders/{channel}", "SERVER", Map.of("http.request.method", "POST",
                "http.route", "/v1/orders/{channel}", "http.response.status_code", "400"), List.of()));
        spans.add(span("g", "g1", null, "GET /v1/orders/{channel}/{channelOrderId}", "SERVER",
                Map.of("http.request.method", "GET", "http.route", "/v1/orders/{channel}/{channelOrderId}",
                        "http.response.status_code", "200"), List.of()));
        spans.add(span("i", "i1", null, "POST /v1/inventory-events", "SERVER", Map.of("http.request.method", "POST",
                "url.path", "/v1/inventory-events", "http.response.status_code", "202"), List.of()));
        // older semantic conventions, the path instead of the route
        spans.add(span("o", "o1", null, "POST", "SERVER", Map.of("http.method", "POST",
                "http.target", "/v1/orders/ebay", "http.status_code", "202"), List.of()));
        // a stray consumer outside any order chain is none of this figure's business
        spans.add(span("x", "x1", null, "InventoryQueue process", "CONSUMER", Map.of(), List.of()));

        TraceContinuity continuity = TraceContinuity.of(spans);

        assertThat(continuity.traces()).isEqualTo(2);
        assertThat(continuity.unlinkedHops()).isZero();
    }

    /** ingest SERVER → send → map process → send → dedupe process → send → post-to-erp process → ERP CLIENT */
    private static List<CollectedSpan> chain(String t) {
        return List.of(
                span(t, t + "1", null, "POST /v1/orders/{channel}", "SERVER", ACCEPTED, List.of()),
                span(t, t + "2", t + "1", "OrderIntakeQueue send", "PRODUCER", Map.of(), List.of()),
                span(t, t + "3", t + "2", "OrderIntakeQueue process", "CONSUMER", Map.of(), List.of()),
                span(t, t + "4", t + "3", "CanonicalOrderQueue send", "PRODUCER", Map.of(), List.of()),
                span(t, t + "5", t + "4", "CanonicalOrderQueue process", "CONSUMER", Map.of(), List.of()),
                span(t, t + "6", t + "5", "ErpPostingQueue send", "PRODUCER", Map.of(), List.of()),
                span(t, t + "7", t + "6", "ErpPostingQueue process", "CONSUMER", Map.of(), List.of()),
                span(t, t + "8", t + "7", "POST", "CLIENT", Map.of(), List.of()));
    }

    private static String trace(String t) {
        return (t + "0".repeat(32)).substring(0, 32);
    }

    private static CollectedSpan span(String t, String id, String parent, String name, String kind,
                                      Map<String, String> attributes, List<SpanLink> links) {
        return new CollectedSpan(trace(t), id, parent, name, kind, "service", 0, 1, attributes, links);
    }
}
