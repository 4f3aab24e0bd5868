package dev.commercesync.opscli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackNamesTest {

    @Test
    void theLocalStackNamesResourcesByLogicalId() {
        assertThat(StackNames.find(List.of("OrderStateTable", "OperatorAuditTable"), "OrderStateTable",
                Optional.empty())).contains("OrderStateTable");
        assertThat(StackNames.find(List.of("ErpPostingQueue.fifo", "ErpPostingDLQ.fifo"), "ErpPostingDLQ",
                Optional.empty())).contains("ErpPostingDLQ.fifo");
    }

    @Test
    void cloudFormationNamesAreFoundByStackAndLogicalId() {
        List<String> names = List.of("prod-OrderStateTable-1A2B3C", "staging-OrderStateTable-9Z8Y",
                "prod-InventoryQueue-XYZ.fifo", "prod-ShopifyInventoryQueue-ABC.fifo");
        assertThat(StackNames.find(names, "OrderStateTable", Optional.of("prod")))
                .contains("prod-OrderStateTable-1A2B3C");
        assertThat(StackNames.find(names, "InventoryQueue", Optional.of("prod")))
                .contains("prod-InventoryQueue-XYZ.fifo");
        assertThat(StackNames.find(names, "OperatorAuditTable", Optional.of("prod"))).isEmpty();
    }

    @Test
    void twoStacksWithoutStackIsAskedAbout() {
        assertThatThrownBy(() -> StackNames.find(List.of("prod-OrderStateTable-1A", "staging-OrderStateTable-9Z"),
                "OrderStateTable", Optional.empty()))
                .isInstanceOf(CommandFailure.class).hasMessageContaining("--stack");
    }
}
