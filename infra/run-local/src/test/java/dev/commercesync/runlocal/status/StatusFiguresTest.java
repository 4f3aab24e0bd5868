package dev.commercesync.runlocal.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page's figures from plain data: no stack, no browser. */
class StatusFiguresTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    /** The wiring infra/template.yaml declares, with the operator API beside ingest and drift repair off any lane. */
    private static final PipelineChart.Wiring TEMPLATE = new PipelineChart.Wiring("OrdersHttpApi",
            List.of("IngestFunction", "OperatorApiFunction"),
            Map.of("IngestFunction", List.of("OrderIntakeQueue", "InventoryQueue"),
                    "OperatorApiFunction", List.of("OrderIntakeQueue", "ErpPostingQueue"),
                    "MapFunction", List.of("CanonicalOrderQueue"),
                    "DedupeFunction", List.of("ErpPostingQueue", "InventoryQueue"),
                    "PublishInventoryFunction", List.of("ShopifyInventoryQueue", "AmazonInventoryQueue",
                            "EbayInventoryQueue"),
                    "InventoryDriftRepairFunction", List.of("ShopifyInventoryQueue", "AmazonInventoryQueue",
                            "EbayInventoryQueue")),
            Map.of("OrderIntakeQueue", List.of("MapFunction"), "CanonicalOrderQueue", List.of("DedupeFunction"),
                    "ErpPostingQueue", List.of("PostToErpFunction"), "InventoryQueue",
                    List.of("PublishInventoryFunction"), "ShopifyInventoryQueue", List.of("PublishInventoryFunction"),
                    "AmazonInventoryQueue", List.of("PublishInventoryFunction"), "EbayInventoryQueue",
                    List.of("PublishInventoryFunction")),
            Map.of("PostToErpFunction", List.of("ERP"), "PublishInventoryFunction", List.of("shopify", "amazon", "ebay"),
                    "InventoryDriftRepairFunction", List.of("shopify", "amazon", "ebay")),
            List.of("OrderIntakeQueue", "OrderIntakeDLQ", "CanonicalOrderQueue", "CanonicalOrderDLQ", "ErpPostingQueue",
                    "ErpPostingDLQ", "InventoryQueue", "InventoryDLQ", "ShopifyInventoryQueue", "ShopifyInventoryDLQ",
                    "AmazonInventoryQueue", "AmazonInventoryDLQ", "EbayInventoryQueue", "EbayInventoryDLQ",
                    "UnusedQueue"),
            Map.of("OrderIntakeQueue", "OrderIntakeDLQ", "CanonicalOrderQueue", "CanonicalOrderDLQ",
                    "ErpPostingQueue", "ErpPostingDLQ", "InventoryQueue", "InventoryDLQ",
                    "ShopifyInventoryQueue", "ShopifyInventoryDLQ", "AmazonInventoryQueue", "AmazonInventoryDLQ",
                    "EbayInventoryQueue", "EbayInventoryDLQ"),
            List.of("IngestFunction", "MapFunction", "DedupeFunction", "PostToErpFunction", "PublishInventoryFunction",
                    "InventoryDriftRepairFunction", "OperatorApiFunction"));

    @Test
    void theChartFollowsTheOrdersThenTheInventoryAndKeepsEveryQueue() {
        PipelineChart chart = PipelineChart.of(TEMPLATE);

        assertThat(chart.lanes()).extracting(PipelineChart.Lane::title)
                .containsExactly("from OrdersHttpApi", "from InventoryQueue", "from UnusedQueue");
        assertThat(ids(chart.lanes().get(0))).containsExactly(List.of("OrdersHttpApi"),
                List.of("IngestFunction", "OperatorApiFunction"), List.of("OrderIntakeQueue"), List.of("MapFunction"),
                List.of("CanonicalOrderQueue"), List.of("DedupeFunction"), List.of("ErpPostingQueue"),
                List.of("PostToErpFunction"), List.of("ERP"));
        assertThat(ids(chart.lanes().get(1))).containsExactly(List.of("InventoryQueue"),
                List.of("PublishInventoryFunction"),
                List.of("ShopifyInventoryQueue", "AmazonInventoryQueue", "EbayInventoryQueue"),
                List.of("shopify", "amazon", "ebay"));
        assertThat(chart.lanes().get(0).columns().get(2).get(0).deadLetterQueue()).isEqualTo("OrderIntakeDLQ");
        assertThat(chart.offChart()).containsExactly("InventoryDriftRepairFunction");
    }

    @Test
    void latencyRunsFromTheReceivedOfThePostedVersionToPosted() {
        OrderRow updated = new OrderRow("shopify:1", "POSTED", "c2", List.of(
                step(0, "RECEIVED", "c1"), step(400, "MAPPED", "c1"), step(900, "POSTED", "c1"),
                step(5_000, "RECEIVED", "c2"), step(5_100, "RECEIVED", "c2"), step(7_500, "POSTED", "c2")), List.of());
        OrderRow failed = new OrderRow("ebay:2", "MAPPING_FAILED", "c3", List.of(step(0, "RECEIVED", "c3"),
                step(50, "MAPPING_FAILED", "c3")), List.of(new OrderRow.Problem(T0.plusMillis(50), "MAPPING_FAILED",
                "totals do not reconcile")));
        OrderRow fast = new OrderRow("amazon:3", "POSTED", "c4", List.of(step(0, "RECEIVED", "c4"),
                step(999, "POSTED", "c4")), List.of());

        LatencyHistogram histogram = LatencyHistogram.of(List.of(updated, failed, fast));

        assertThat(LatencyHistogram.orderToErp(updated)).hasValueSatisfying(d -> assertThat(d.toMillis()).isEqualTo(2_500));
        assertThat(histogram.measured()).isEqualTo(2);
        assertThat(histogram.maxMs()).isEqualTo(2_500);
        assertThat(histogram.buckets()).extracting(LatencyHistogram.Bucket::key, LatencyHistogram.Bucket::count)
                .startsWith(org.assertj.core.groups.Tuple.tuple("0-1s", 1L), org.assertj.core.groups.Tuple.tuple("1-2s", 0L),
                        org.assertj.core.groups.Tuple.tuple("2-5s", 1L));
        assertThat(LatencyHistogram.bucketOf(60_000)).isEqualTo(6);

        OrderFigures figures = OrderFigures.of(List.of(updated, failed, fast));
        assertThat(figures.states()).containsExactly(Map.entry("MAPPING_FAILED", 1L), Map.entry("PENDING_ERP", 0L),
                Map.entry("POSTED", 2L), Map.entry("ERP_REJECTED", 0L));
        assertThat(figures.exceptions()).containsExactly(new OrderFigures.RecentException("ebay:2", "MAPPING_FAILED",
                "totals do not reconcile", "2026-11-20T08:00:00.050Z"));
    }

    @Test
    void driftIsASettledListingShowingSomethingElse() {
        List<DriftCheck.ListingTarget> listings = List.of(
                new DriftCheck.ListingTarget("A", "shopify#shop#1", "shopify", "shop", 5L, true),
                new DriftCheck.ListingTarget("B", "shopify#shop#2", "shopify", "shop", 3L, true),
                new DriftCheck.ListingTarget("C", "amazon#seller#C", "amazon", "seller", 4L, false),
                new DriftCheck.ListingTarget("D", "ebay#acct#D", "ebay", "acct", 2L, true),
                new DriftCheck.ListingTarget("E", "ebay#acct#E", "ebay", "acct", null, false));
        Map<String, OptionalLong> shown = Map.of("A", OptionalLong.of(5), "B", OptionalLong.of(9),
                "C", OptionalLong.of(0), "D", OptionalLong.empty());

        DriftCheck check = DriftCheck.of(listings, l -> shown.get(l.sku()), T0);

        assertThat(check.checked()).isTrue();
        assertThat(check.listings()).isEqualTo(4);
        assertThat(check.inSync()).isEqualTo(1);
        assertThat(check.inFlight()).isEqualTo(1);
        assertThat(check.unreadable()).isEqualTo(1);
        assertThat(check.drifted()).containsExactly(new DriftCheck.Drifted("B", "shopify", "shop", "shopify#shop#2", 9, 3));
        assertThat(DriftCheck.of(List.of(listings.get(4)), l -> OptionalLong.empty(), T0).checked()).isFalse();
    }

    @Test
    void theTraceViewLaysSpansOutUnderTheirParentsAndFollowsBatchLinks() {
        OrderRow order = new OrderRow("shopify:7", "POSTED", "c1", List.of(
                new OrderRow.Step(T0, "RECEIVED", "c1", "t1", "webhook"),
                new OrderRow.Step(T0.plusMillis(300), "POSTED", "c1", "t2", "ERP document 9")), List.of());
        long ms = 1_000_000;
        long start = T0.toEpochMilli() * ms;
        List<TraceSpan> spans = List.of(
                new TraceSpan("t1", "a", null, "POST /v1/orders/{channel}", "SERVER", "IngestFunction", start,
                        start + 20 * ms, List.of()),
                new TraceSpan("t1", "b", "a", "OrderIntakeQueue send", "PRODUCER", "IngestFunction", start + 5 * ms,
                        start + 8 * ms, List.of()),
                new TraceSpan("t1", "c", "b", "OrderIntakeQueue process", "CONSUMER", "MapFunction", start + 50 * ms,
                        start + 90 * ms, List.of()),
                new TraceSpan("t3", "d", null, "ErpPostingQueue process", "CONSUMER", "PostToErpFunction",
                        start + 200 * ms, start + 300 * ms, List.of("c")),
                new TraceSpan("t3", "e", "d", "POST /sales-orders", "CLIENT", "PostToErpFunction", start + 210 * ms,
                        start + 290 * ms, List.of()));
        SpanSource source = new SpanSource() {
            @Override
            public boolean collecting() {
                return true;
            }

            @Override
            public List<TraceSpan> trace(String traceId) {
                return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
            }

            @Override
            public List<TraceSpan> linkingTo(Set<String> spanIds) {
                return spans.stream().filter(s -> s.links().stream().anyMatch(spanIds::contains)).toList();
            }
        };

        TraceView view = TraceView.of("shopify:7", Optional.of(order), source);

        assertThat(view.traceIds()).containsExactly("t1", "t2");
        assertThat(view.spans()).extracting(TraceView.Span::spanId).containsExactly("a", "b", "c", "d", "e");
        assertThat(view.spans()).extracting(TraceView.Span::depth).containsExactly(0, 1, 2, 0, 1);
        assertThat(view.spans().get(2).parentName()).isEqualTo("OrderIntakeQueue send");
        assertThat(view.spans().get(4).startOffsetMs()).isEqualTo(210.0);
        assertThat(view.spans().get(4).durationMs()).isEqualTo(80.0);
        assertThat(view.totalMs()).isEqualTo(300.0);
        assertThat(view.note()).isNull();

        assertThat(TraceView.of("shopify:8", Optional.empty(), source).found()).isFalse();
        assertThat(TraceView.of("shopify:7", Optional.of(order), SpanSource.none()).note())
                .isEqualTo("this stack collects no spans");
        assertThat(TraceView.orderKey("shopify/5823416025378")).hasValue("shopify:5823416025378");
        assertThat(TraceView.orderKey(" ebay:12-34 ")).hasValue("ebay:12-34");
        assertThat(TraceView.orderKey("shopify/")).isEmpty();
        assertThat(TraceView.orderKey("nothing")).isEmpty();
    }

    private static OrderRow.Step step(long atMs, String step, String correlationId) {
        return new OrderRow.Step(T0.plusMillis(atMs), step, correlationId, null, null);
    }

    private static List<List<String>> ids(PipelineChart.Lane lane) {
        return lane.columns().stream().map(c -> c.stream().map(PipelineChart.Box::id).toList()).toList();
    }
}
