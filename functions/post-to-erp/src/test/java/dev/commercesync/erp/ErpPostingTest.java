package dev.commercesync.erp;

import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.testing.SampleOrders;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErpPostingTest {

    private static final Instant V1 = Instant.parse("2026-11-21T14:30:00.123Z");
    private static final Instant V2 = Instant.parse("2026-11-21T15:00:00Z");
    private static final Instant V3 = Instant.parse("2026-11-21T16:00:00Z");

    // ---- decide ----

    @Test
    void createsWhenTheAcceptedVersionWasNeverPosted() {
        ErpPosting.Decision decision = ErpPosting.decide(V1, state(ProcessingState.PENDING_ERP, V1, null, null));

        assertThat(decision.action()).isEqualTo(ErpPosting.Action.CREATE);
    }

    @Test
    void comparesVersionsToTheMillisecondTheStateKeeps() {
        Instant channelVersion = Instant.parse("2026-11-21T14:30:00.123456789Z");

        assertThat(ErpPosting.decide(channelVersion, state(ProcessingState.PENDING_ERP, V1, null, null)).action())
                .isEqualTo(ErpPosting.Action.CREATE);
    }

    @Test
    void updatesTheDocumentWhenTheErpHoldsAnOlderVersion() {
        ErpPosting.Decision decision = ErpPosting.decide(V2, state(ProcessingState.PENDING_ERP, V2, V1, "SO-1001"));

        assertThat(decision.action()).isEqualTo(ErpPosting.Action.UPDATE);
        assertThat(decision.erpDocumentId()).isEqualTo("SO-1001");
    }

    @Test
    void skipsWhatTheErpHoldsAlready() {
        assertThat(ErpPosting.decide(V1, state(ProcessingState.POSTED, V1, V1, "SO-1001")).action())
                .isEqualTo(ErpPosting.Action.SKIP_ALREADY_POSTED);
        assertThat(ErpPosting.decide(V1, state(ProcessingState.POSTED, V2, V2, "SO-1001")).action())
                .isEqualTo(ErpPosting.Action.SKIP_ALREADY_POSTED);
    }

    @Test
    void skipsAVersionSupersededByOneStillToBePosted() {
        assertThat(ErpPosting.decide(V1, state(ProcessingState.PENDING_ERP, V2, null, null)).action())
                .isEqualTo(ErpPosting.Action.SKIP_SUPERSEDED);
        assertThat(ErpPosting.decide(V2, state(ProcessingState.PENDING_ERP, V3, V1, "SO-1001")).action())
                .isEqualTo(ErpPosting.Action.SKIP_SUPERSEDED);
    }

    @Test
    void skipsAVersionTheErpRejected() {
        assertThat(ErpPosting.decide(V1, state(ProcessingState.ERP_REJECTED, V1, null, null)).action())
                .isEqualTo(ErpPosting.Action.SKIP_REJECTED);
    }

    @Test
    void refusesAVersionTheStateDoesNotKnow() {
        assertThat(ErpPosting.decide(V1, Optional.empty()).action())
                .isEqualTo(ErpPosting.Action.REFUSE_NOT_ACCEPTED);
        assertThat(ErpPosting.decide(V2, state(ProcessingState.PENDING_ERP, V1, null, null)).action())
                .isEqualTo(ErpPosting.Action.REFUSE_NOT_ACCEPTED);
        assertThat(ErpPosting.decide(V1, state(ProcessingState.MAPPING_FAILED, null, null, null)).action())
                .isEqualTo(ErpPosting.Action.REFUSE_NOT_ACCEPTED);
    }

    // ---- carryOut ----

    @Test
    void createsAnOrderTheErpDoesNotHave() {
        InMemoryErp erp = new InMemoryErp();
        ErpSalesOrder order = salesOrder(V1);

        ErpPosting.Sent sent = ErpPosting.carryOut(create(), order, erp);

        assertThat(sent.how()).isEqualTo(ErpPosting.How.CREATED);
        assertThat(sent.postedVersion()).isEqualTo(V1);
        assertThat(erp.document(order.externalReference())).contains(sent.document());
        assertThat(erp.finds).isEqualTo(1);
        assertThat(erp.creates).isEqualTo(1);
    }

    @Test
    void findsTheOrderAnEarlierAttemptCreatedInsteadOfCreatingItAgain() {
        InMemoryErp erp = new InMemoryErp();
        ErpSalesOrder order = salesOrder(V1);
        ErpDocument lostAnswer = erp.holds(order.externalReference(), V1);

        ErpPosting.Sent sent = ErpPosting.carryOut(create(), order, erp);

        assertThat(sent.document()).isEqualTo(lostAnswer);
        assertThat(sent.how()).isEqualTo(ErpPosting.How.ALREADY_HELD);
        assertThat(erp.creates).isZero();
        assertThat(erp.updates).isZero();
    }

    @Test
    void updatesAnOlderVersionFoundByReference() {
        InMemoryErp erp = new InMemoryErp();
        ErpSalesOrder order = salesOrder(V2);
        ErpDocument older = erp.holds(order.externalReference(), V1);

        ErpPosting.Sent sent = ErpPosting.carryOut(create(), order, erp);

        assertThat(sent.how()).isEqualTo(ErpPosting.How.UPDATED);
        assertThat(sent.document()).isEqualTo(new ErpDocument(older.documentId(), order.externalReference(), V2));
        assertThat(erp.creates).isZero();
    }

    @Test
    void updatesWhenACreateRacingAnotherOneMeetsAnOlderDocument() {
        InMemoryErp erp = new InMemoryErp();
        ErpSalesOrder order = salesOrder(V2);
        erp.holds(order.externalReference(), V1);
        erp.missNextFind = true;

        ErpPosting.Sent sent = ErpPosting.carryOut(create(), order, erp);

        assertThat(sent.how()).isEqualTo(ErpPosting.How.UPDATED);
        assertThat(erp.document(order.externalReference()).orElseThrow().sourceVersion()).isEqualTo(V2);
    }

    @Test
    void leavesANewerVersionInTheErpAndReportsIt() {
        InMemoryErp erp = new InMemoryErp();
        ErpSalesOrder order = salesOrder(V2);
        ErpDocument newer = erp.holds(order.externalReference(), V3);

        ErpPosting.Sent sent = ErpPosting.carryOut(
                new ErpPosting.Decision(ErpPosting.Action.UPDATE, newer.documentId(), "test"), order, erp);

        assertThat(sent.how()).isEqualTo(ErpPosting.How.ALREADY_HELD);
        assertThat(sent.postedVersion()).isEqualTo(V3);
    }

    @Test
    void aPostingDeliveredAgainAndAgainReachesTheErpOnce() {
        InMemoryErp erp = new InMemoryErp();
        ErpSalesOrder order = salesOrder(V1);
        Optional<OrderRecord> pending = state(ProcessingState.PENDING_ERP, V1, null, null);

        // The state write after the first delivery was lost (a crash): the state still says "never posted".
        for (int delivery = 0; delivery < 3; delivery++) {
            ErpPosting.carryOut(ErpPosting.decide(V1, pending), order, erp);
        }

        assertThat(erp.creates).isEqualTo(1);
    }

    @Test
    void hasNothingToSendForASkip() {
        assertThatThrownBy(() -> ErpPosting.carryOut(
                new ErpPosting.Decision(ErpPosting.Action.SKIP_ALREADY_POSTED, null, "test"), salesOrder(V1),
                new InMemoryErp()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ErpPosting.Decision create() {
        return new ErpPosting.Decision(ErpPosting.Action.CREATE, null, "test");
    }

    private static ErpSalesOrder salesOrder(Instant version) {
        CanonicalOrder order = SampleOrders.order("450789469", version, 2);
        return ErpSalesOrderMapping.from(order);
    }

    private static Optional<OrderRecord> state(ProcessingState status, Instant accepted, Instant posted,
                                               String documentId) {
        return Optional.of(new OrderRecord("shopify:450789469", status, 3, accepted, "key", posted, "corr",
                documentId, "{}", null, List.of(), List.of(), Instant.now()));
    }
}
