package dev.commercesync.runlocal.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallPlanTest {

    @Test
    void anOrderCostsThreeOrderWritesPlusOneHoldPerSku() {
        assertThat(CallPlan.dynamoDbWritesPerOrder(0)).isEqualTo(3);
        assertThat(CallPlan.dynamoDbWritesPerOrder(2)).isEqualTo(5);
    }

    @Test
    void everyWriteOfThePlanIsConditional() {
        assertThat(CallPlan.ORDER_PATH).filteredOn(CallPlan.PlannedCall::write)
                .allMatch(CallPlan.PlannedCall::conditional);
        assertThat(CallPlan.table()).contains("IdempotencyTable").contains("ErpPostingQueue");
    }

    @Test
    void theOrderFactsSurviveTheMessageAttribute() {
        BenchOrder order = new BenchOrder("shopify:5823416025378", Instant.parse("2026-11-20T08:01:02.345Z"),
                List.of("CAP-LOGO-NAVY", "MUG-STONEWARE-12OZ"));
        assertThat(BenchOrder.decode(order.encode())).isEqualTo(order);
        BenchOrder none = new BenchOrder("ebay:12-34", Instant.parse("2026-11-20T08:01:02Z"), List.of());
        assertThat(BenchOrder.decode(none.encode())).isEqualTo(none);
    }
}
