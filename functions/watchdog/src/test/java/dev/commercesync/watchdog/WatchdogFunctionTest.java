package dev.commercesync.watchdog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.metrics.EmfCapture;
import dev.commercesync.pipeline.orderstate.AcceptOutcome;
import dev.commercesync.pipeline.orderstate.DynamoDbOrderStateStore;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderStateTableSchema;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LoopbackLambdaRuntime;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The watchdog on DynamoDB Local: orders are written through the real order-state store with a clock set into the
 * past, so each has been in its state as long as the test says; the handler then runs as the schedule runs it.
 * Thresholds are the template's defaults (15 minutes waiting for the ERP, 4 hours in an exception); the test profile
 * lists at most 3 orders per state.
 */
@QuarkusTest
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(LoopbackLambdaRuntime.class)
class WatchdogFunctionTest {

    @Inject
    WatchdogHandler handler;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "ORDER_STATE_TABLE")
    String table;

    private final SettableClock clock = new SettableClock();
    private DynamoDbOrderStateStore store;
    private Instant now;

    @BeforeEach
    void emptyOrderStateTable() {
        store = new DynamoDbOrderStateStore(dynamo, table, clock);
        now = Instant.now();
        dynamo.scanPaginator(b -> b.tableName(table)).items().forEach(item -> dynamo.deleteItem(b -> b.tableName(table)
                .key(Map.of(OrderStateTableSchema.PARTITION_KEY, item.get(OrderStateTableSchema.PARTITION_KEY)))));
    }

    @Test
    void countsEveryStuckOrderListsTheOldestAndPublishesTheGauges() throws Exception {
        for (int minutes : List.of(20, 25, 30, 40, 50)) {
            pendingErp(Duration.ofMinutes(minutes), "trace-" + minutes);
        }
        pendingErp(Duration.ofMinutes(5), "trace-fresh");
        mappingFailed(Duration.ofHours(5));
        mappingFailed(Duration.ofHours(1));
        ChannelOrderKey rejected = erpRejected(Duration.ofHours(6));
        posted(Duration.ofDays(2));

        WatchdogReport report;
        try (EmfCapture emf = EmfCapture.standardOutput()) {
            report = handler.handleRequest(Map.of(), null);

            assertThat(emf.values("OrdersStuck", Map.of("State", "PENDING_ERP"))).containsExactly(5.0);
            assertThat(emf.values("OrdersStuck", Map.of("State", "MAPPING_FAILED"))).containsExactly(1.0);
            assertThat(emf.values("OrdersStuck", Map.of("State", "ERP_REJECTED"))).containsExactly(1.0);
            assertThat(emf.values("OldestStuckAgeSeconds", Map.of("State", "PENDING_ERP"))).singleElement()
                    .satisfies(age -> assertThat(age).isBetween(2999.0, 3100.0));
            JsonNode aggregate = emf.documentsWith("OrdersStuck").stream().filter(d -> !d.has("State"))
                    .findFirst().orElseThrow();
            assertThat(aggregate.get("OrdersStuck").asDouble()).isEqualTo(7.0);
            assertThat(aggregate.get("OldestStuckAgeSeconds").asDouble()).isBetween(21_599.0, 21_700.0);
            assertThat(emf.unit("OrdersStuck")).isEqualTo("Count");
            assertThat(emf.unit("OldestStuckAgeSeconds")).isEqualTo("Seconds");
        }

        assertThat(report.ordersStuck()).isEqualTo(7);
        WatchdogReport.StateFinding pending = finding(report, "PENDING_ERP");
        assertThat(pending.count()).isEqualTo(5);
        assertThat(pending.allowedSeconds()).isEqualTo(900);
        assertThat(pending.oldest()).as("the oldest 3, oldest first").extracting(StuckOrder::traceId)
                .containsExactly("trace-50", "trace-40", "trace-30");
        StuckOrder oldest = pending.oldest().get(0);
        assertThat(oldest.state()).isEqualTo("PENDING_ERP");
        assertThat(oldest.correlationId()).startsWith("corr-");
        assertThat(oldest.since()).isCloseTo(now.minus(Duration.ofMinutes(50)), within(1, ChronoUnit.SECONDS));
        assertThat(finding(report, "MAPPING_FAILED").count()).isEqualTo(1);
        assertThat(finding(report, "ERP_REJECTED").oldest()).extracting(StuckOrder::orderKey)
                .containsExactly(rejected.value());

        // The invocation's answer, as Lambda returns it.
        JsonNode answer = json.readTree(json.writeValueAsString(report));
        assertThat(answer.get("ordersStuck").asLong()).isEqualTo(7);
        assertThat(answer.at("/states/0/oldest/0/since").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void nothingStuckPublishesZerosForEveryStateAndTheAggregate() {
        pendingErp(Duration.ofMinutes(5), "trace-fresh");
        posted(Duration.ofDays(1));

        try (EmfCapture emf = EmfCapture.standardOutput()) {
            WatchdogReport report = handler.handleRequest(Map.of(), null);

            assertThat(report.ordersStuck()).isZero();
            for (String state : List.of("PENDING_ERP", "MAPPING_FAILED", "ERP_REJECTED")) {
                assertThat(emf.values("OrdersStuck", Map.of("State", state))).as(state).containsExactly(0.0);
                assertThat(emf.values("OldestStuckAgeSeconds", Map.of("State", state))).as(state).containsExactly(0.0);
            }
            assertThat(emf.documentsWith("OrdersStuck")).filteredOn(d -> !d.has("State")).singleElement()
                    .satisfies(d -> assertThat(d.get("OrdersStuck").asDouble()).isZero());
        }
    }

    @Test
    void theCountPagesThroughTheWholeIndex() {
        for (int i = 0; i < 7; i++) {
            pendingErp(Duration.ofMinutes(30 + i), "trace-" + i);
        }
        StatusIndex smallPages = new DynamoDbStatusIndex(dynamo, () -> table, store, 2);

        assertThat(smallPages.count(ProcessingState.PENDING_ERP, now.minus(Duration.ofMinutes(15)))).isEqualTo(7);
        assertThat(smallPages.oldest(ProcessingState.PENDING_ERP, now.minus(Duration.ofMinutes(15)), 2))
                .extracting(o -> o.timeline().get(o.timeline().size() - 1).traceId())
                .containsExactly("trace-6", "trace-5");
    }

    // ---- orders, written as the functions write them, at a time in the past ----

    private ChannelOrderKey pendingErp(Duration ago, String traceId) {
        ChannelOrderKey key = newKey();
        at(ago);
        store.accept(key, now.minus(ago), "event-" + key.value(), "corr-" + key.channelOrderId(), "{}",
                List.of(step("ACCEPTED", key, traceId)));
        return key;
    }

    private void mappingFailed(Duration ago) {
        ChannelOrderKey key = newKey();
        at(ago);
        store.recordMappingFailure(key, "totals do not reconcile", "{\"id\":1}", "corr-" + key.channelOrderId(),
                List.of(step("MAPPING_FAILED", key, "trace-mapping")));
    }

    private ChannelOrderKey erpRejected(Duration ago) {
        ChannelOrderKey key = newKey();
        at(ago.plus(Duration.ofMinutes(1)));
        long version = ((AcceptOutcome.Accepted) store.accept(key, now.minus(ago), "event-" + key.value(),
                "corr-" + key.channelOrderId(), "{}", List.of(step("ACCEPTED", key, "trace-accepted")))).version();
        at(ago);
        store.recordErpOutcome(key, version, ProcessingState.ERP_REJECTED, null, null,
                new OrderException(clock.instant(), "ERP_REJECTED", "unknown item", "corr-" + key.channelOrderId()),
                List.of(step("ERP_REJECTED", key, "trace-rejected")));
        return key;
    }

    private void posted(Duration ago) {
        ChannelOrderKey key = newKey();
        at(ago.plus(Duration.ofMinutes(1)));
        long version = ((AcceptOutcome.Accepted) store.accept(key, now.minus(ago), "event-" + key.value(),
                "corr-" + key.channelOrderId(), "{}", List.of())).version();
        at(ago);
        store.recordErpOutcome(key, version, ProcessingState.POSTED, "SO-1", now.minus(ago), null, List.of());
    }

    private void at(Duration ago) {
        clock.set(now.minus(ago));
    }

    private TimelineEntry step(String step, ChannelOrderKey key, String traceId) {
        return new TimelineEntry(clock.instant(), step, "corr-" + key.channelOrderId(), traceId, "test");
    }

    private static ChannelOrderKey newKey() {
        return new ChannelOrderKey(SalesChannel.SHOPIFY, Long.toString(Math.abs(UUID.randomUUID()
                .getMostSignificantBits() % 1_000_000_000_000L)));
    }

    private static WatchdogReport.StateFinding finding(WatchdogReport report, String state) {
        return report.states().stream().filter(f -> f.state().equals(state)).findFirst().orElseThrow();
    }

    /** A clock the test moves: the store stamps each write (updatedAt) with it. */
    private static final class SettableClock extends Clock {
        private volatile Instant instant = Instant.now();

        void set(Instant instant) {
            this.instant = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
