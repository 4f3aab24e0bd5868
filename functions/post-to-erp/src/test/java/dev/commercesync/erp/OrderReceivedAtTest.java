package dev.commercesync.erp;

import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.testing.SampleOrders;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where OrderToErpLatency starts: the intake of the version being posted. */
class OrderReceivedAtTest {

    private static final Instant FIRST_INTAKE = Instant.parse("2026-11-21T14:00:00Z");
    private static final Instant SECOND_INTAKE = Instant.parse("2026-11-21T14:30:00Z");

    private final EventEnvelope<CanonicalOrder> posting = SampleOrders.event(
            SampleOrders.order(SampleOrders.uniqueOrderId(), SECOND_INTAKE, 1), "orders/updated");

    @Test
    void startsAtTheReceivedStepOfTheAcceptedVersionsIntakeNotAnEarlierVersions() {
        OrderRecord state = state("corr-2", List.of(
                new TimelineEntry(FIRST_INTAKE, "RECEIVED", "corr-1", null, "v1"),
                new TimelineEntry(FIRST_INTAKE.plusSeconds(2), "POSTED", "corr-1", null, "v1"),
                new TimelineEntry(SECOND_INTAKE, "RECEIVED", "corr-2", null, "v2"),
                new TimelineEntry(SECOND_INTAKE.plusSeconds(1), "MAPPED", "corr-2", null, "v2")));

        assertThat(ErpPostingService.receivedAt(state, posting)).contains(SECOND_INTAKE);
    }

    @Test
    void withoutAReceivedStepFallsBackToTheIntakesEarliestStep() {
        OrderRecord state = state(posting.correlationId(), List.of());

        assertThat(ErpPostingService.receivedAt(state, posting)).contains(posting.trail().get(0).at());
    }

    @Test
    void isUnknownWhenNothingNamesTheIntake() {
        OrderRecord state = state("corr-elsewhere", List.of(new TimelineEntry(FIRST_INTAKE, "RECEIVED", "corr-1",
                null, "v1")));

        assertThat(ErpPostingService.receivedAt(state, posting)).isEmpty();
    }

    private static OrderRecord state(String correlationId, List<TimelineEntry> timeline) {
        return new OrderRecord("shopify:450789469", ProcessingState.PENDING_ERP, 2, SECOND_INTAKE, "key", null,
                correlationId, null, "{}", null, timeline, List.of(), SECOND_INTAKE);
    }
}
