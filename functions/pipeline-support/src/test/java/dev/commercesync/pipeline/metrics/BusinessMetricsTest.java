package dev.commercesync.pipeline.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EMF documents {@link BusinessMetrics} writes, read back as CloudWatch would read them. */
class BusinessMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30.250Z");

    private final EmfCapture emf = EmfCapture.sink();
    private final BusinessMetrics metrics = new BusinessMetrics(emf, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aBatchWritesOneDocumentPerChannelWithEveryValueAndBothDimensionSets() {
        metrics.count(Metric.ORDERS_POSTED, "shopify");
        metrics.latency(Metric.ERP_LATENCY, "shopify", Duration.ofMillis(120));
        metrics.count(Metric.ORDERS_POSTED, "shopify");
        metrics.latency(Metric.ERP_LATENCY, "shopify", Duration.ofMillis(80));
        metrics.count(Metric.ORDERS_POSTED, "amazon");

        assertThat(emf.documents()).isEmpty();
        metrics.flush();

        List<JsonNode> documents = emf.documents();
        assertThat(documents).hasSize(2);
        JsonNode shopify = documents.get(0);
        assertThat(shopify.get("Channel").asText()).isEqualTo("shopify");
        assertThat(shopify.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode directive = shopify.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("CommerceSync");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Channel\"],[]]");
        assertThat(directive.path("Metrics").toString())
                .contains("{\"Name\":\"OrdersPosted\",\"Unit\":\"Count\"}")
                .contains("{\"Name\":\"ErpLatency\",\"Unit\":\"Milliseconds\"}");
        assertThat(shopify.get("OrdersPosted").toString()).isEqualTo("[1.0,1.0]");
        assertThat(shopify.get("ErpLatency").toString()).isEqualTo("[120.0,80.0]");
        // Only our dimensions: none of the library's defaults (LogGroup, ServiceName, ServiceType).
        assertThat(shopify.has("LogGroup")).isFalse();
        assertThat(shopify.has("ServiceName")).isFalse();

        assertThat(emf.values("OrdersPosted", Map.of("Channel", "amazon"))).containsExactly(1.0);
        assertThat(emf.dimensionSets("OrdersPosted")).containsExactlyInAnyOrder(Set.of("Channel"), Set.of());
    }

    @Test
    void flushWritesEachValueOnceAndNothingWhenNothingWasPut() {
        metrics.count(Metric.ORDERS_RECEIVED, "ebay");
        metrics.flush();
        metrics.flush();

        assertThat(emf.documents()).hasSize(1);
        assertThat(emf.values("OrdersReceived", Map.of())).containsExactly(1.0);
    }

    @Test
    void businessExceptionsCarryChannelAndExceptionType() {
        metrics.businessException("shopify", "MAPPING_FAILED");
        metrics.businessException("shopify", "CONFLICT");
        metrics.flush();

        assertThat(emf.documents()).hasSize(2);
        assertThat(emf.dimensionSets("BusinessExceptions"))
                .containsExactlyInAnyOrder(Set.of("Channel", "ExceptionType"), Set.of());
        assertThat(emf.values("BusinessExceptions", Map.of("ExceptionType", "CONFLICT", "Channel", "shopify")))
                .containsExactly(1.0);
        assertThat(emf.unit("BusinessExceptions")).isEqualTo("Count");
    }

    @Test
    void circuitStateChangesCarryTheStateEntered() {
        metrics.erpCircuitStateChange("OPEN");
        metrics.erpCircuitStateChange("HALF_OPEN");
        metrics.flush();

        assertThat(emf.dimensionSets("ErpCircuitStateChanges")).containsExactlyInAnyOrder(Set.of("State"), Set.of());
        assertThat(emf.values("ErpCircuitStateChanges", Map.of("State", "OPEN"))).containsExactly(1.0);
    }

    @Test
    void stuckOrderGaugesWriteTheAggregateAsItsOwnDocument() {
        metrics.stuckOrders("PENDING_ERP", 3, Duration.ofMinutes(42));
        metrics.stuckOrders("ERP_REJECTED", 0, Duration.ZERO);
        metrics.stuckOrdersInAll(3, Duration.ofMinutes(42));
        metrics.flush();

        List<JsonNode> documents = emf.documents();
        assertThat(documents).hasSize(3);
        assertThat(documents).extracting(d -> d.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions")
                .toString()).containsExactly("[[\"State\"]]", "[[\"State\"]]", "[[]]");
        assertThat(emf.values("OrdersStuck", Map.of("State", "PENDING_ERP"))).containsExactly(3.0);
        assertThat(emf.values("OldestStuckAgeSeconds", Map.of("State", "PENDING_ERP"))).containsExactly(2520.0);
        assertThat(emf.values("OrdersStuck", Map.of("State", "ERP_REJECTED"))).containsExactly(0.0);
        assertThat(documents.get(2).get("OrdersStuck").asDouble()).isEqualTo(3.0);
        assertThat(emf.unit("OldestStuckAgeSeconds")).isEqualTo("Seconds");
    }

    @Test
    void zeroIsWrittenAndNegativeDurationsCountAsZero() {
        metrics.count(Metric.INVENTORY_DRIFT, "amazon", 0);
        metrics.latency(Metric.INVENTORY_PUBLISH_LAG, "amazon", Duration.ofMillis(-5));
        metrics.flush();

        assertThat(emf.values("InventoryDrift", Map.of("Channel", "amazon"))).containsExactly(0.0);
        assertThat(emf.values("InventoryPublishLag", Map.of("Channel", "amazon"))).containsExactly(0.0);
    }

    @Test
    void aMissingOrUnprintableChannelIsReportedAsUnknownRatherThanDropped() {
        metrics.count(Metric.ORDERS_RECEIVED, null);
        metrics.count(Metric.ORDERS_RECEIVED, "shöp");
        metrics.flush();

        assertThat(emf.values("OrdersReceived", Map.of("Channel", "unknown"))).containsExactly(1.0);
        assertThat(emf.values("OrdersReceived", Map.of("Channel", "sh?p"))).containsExactly(1.0);
    }

    @Test
    void aMetricPutWithDimensionsItsShapeDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> metrics.count(Metric.BUSINESS_EXCEPTIONS, "shopify"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.latency(Metric.ORDERS_POSTED, "shopify", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreThanAHundredValuesOfAMetricAreSplitOverDocuments() {
        for (int i = 0; i < 150; i++) {
            metrics.count(Metric.ORDERS_ACCEPTED, "shopify");
        }
        metrics.flush();

        assertThat(emf.documents()).hasSizeGreaterThan(1);
        assertThat(emf.values("OrdersAccepted", Map.of("Channel", "shopify"))).hasSize(150);
    }

    @Test
    void flushAfterWritesWhatTheInvocationMeasuredEvenWhenItFailed() {
        assertThatThrownBy(() -> metrics.flushAfter(() -> {
            metrics.businessException("ebay", "ERP_REJECTED");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(emf.values("BusinessExceptions", Map.of("Channel", "ebay"))).containsExactly(1.0);
    }

    @Test
    void theStandardOutputCaptureSeesDocumentsWrittenToSystemOut() {
        BusinessMetrics toStdout = new BusinessMetrics(EmfSink.standardOutput(), Clock.systemUTC());
        try (EmfCapture stdout = EmfCapture.standardOutput()) {
            toStdout.count(Metric.DUPLICATES_SUPPRESSED, "amazon");
            toStdout.flush();
            System.out.println("{\"not\":\"a metric\"}");

            assertThat(stdout.documents()).singleElement()
                    .satisfies(d -> assertThat(d.get("DuplicatesSuppressed").asDouble()).isEqualTo(1.0));
        }
    }
}
