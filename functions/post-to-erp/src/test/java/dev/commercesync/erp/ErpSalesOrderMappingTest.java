package dev.commercesync.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.TaxLine;
import dev.commercesync.pipeline.testing.SampleOrders;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErpSalesOrderMappingTest {

    private static final ObjectMapper JSON = CommerceJson.newMapper();
    /** Finer than the millisecond the order state keeps, as some channels send. */
    private static final Instant VERSION = Instant.parse("2026-11-21T14:30:00.123456Z");

    @Test
    void writesTheContractsSalesOrderForATaxInclusiveEuroOrder() throws IOException {
        ErpSalesOrder salesOrder = ErpSalesOrderMapping.from(SampleOrders.order("450789469", VERSION, 2));

        JsonNode written = JSON.valueToTree(salesOrder);

        assertThat(written).isEqualTo(fixture("erp/sales-order-shopify-tax-inclusive-eur.json"));
    }

    @Test
    void keysTheCreateByOrderAndVersion() {
        ErpSalesOrder salesOrder = ErpSalesOrderMapping.from(SampleOrders.order("450789469", VERSION, 2));

        assertThat(salesOrder.idempotencyKey()).isEqualTo("shopify:450789469@2026-11-21T14:30:00.123Z");
        JsonNode written = JSON.valueToTree(salesOrder);
        assertThat(written.has("idempotencyKey")).isFalse();
    }

    @Test
    void flagsTaxTheMarketplaceRemits() {
        CanonicalOrder order = withTaxLines(SampleOrders.order("1", VERSION, 1), List.of(new TaxLine("Sales tax",
                "US-WA", new BigDecimal("0.101"), Money.of("1.01", "EUR"), TaxLine.TaxTarget.ITEMS, true)));

        assertThat(ErpSalesOrderMapping.from(order).taxes())
                .singleElement()
                .satisfies(tax -> assertThat(tax.remittedByMarketplace()).isTrue());
    }

    @Test
    void refusesAnAmountInAnotherCurrencyRatherThanBookTheWrongMoney() {
        CanonicalOrder order = SampleOrders.order("1", VERSION, 1);
        OrderLine line = order.lines().get(0);
        OrderLine inDollars = new OrderLine(line.lineId(), line.sku(), line.channelItemId(), line.title(),
                line.quantity(), Money.of("24.99", "USD"), line.lineTax(), line.discounts(), line.lineTotal());
        CanonicalOrder mixed = new CanonicalOrder(order.channel(), order.channelOrderId(), order.storefrontId(),
                order.orderedAt(), order.sourceUpdatedAt(), order.status(), order.currency(), order.buyer(),
                order.shipTo(), List.of(inDollars, order.lines().get(1)), order.shipping(), order.orderDiscounts(),
                order.taxLines(), order.taxesIncluded(), order.fees(), order.totals(), order.presentment());

        assertThatThrownBy(() -> ErpSalesOrderMapping.from(mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USD");
    }

    @Test
    void anOrderWithoutABuyerIsBookedToTheStorefrontsGuestCustomer() {
        CanonicalOrder order = SampleOrders.order("1", VERSION, 1);
        CanonicalOrder anonymous = new CanonicalOrder(order.channel(), order.channelOrderId(), order.storefrontId(),
                order.orderedAt(), order.sourceUpdatedAt(), order.status(), order.currency(), null, order.shipTo(),
                order.lines(), order.shipping(), order.orderDiscounts(), order.taxLines(), order.taxesIncluded(),
                order.fees(), order.totals(), order.presentment());

        ErpSalesOrder salesOrder = ErpSalesOrderMapping.from(anonymous);

        assertThat(salesOrder.customer()).isNotNull();
        assertThat(salesOrder.customer().reference()).isEqualTo("shopify:example-shop.myshopify.com:guest");
    }

    @Test
    void keepsTheBuyersPersonalDataOutOfLogs() {
        ErpSalesOrder salesOrder = ErpSalesOrderMapping.from(SampleOrders.order("1", VERSION, 1));

        assertThat(salesOrder.toString()).doesNotContain("Jane", "jane@example.com", "Examplestraße");
    }

    private static CanonicalOrder withTaxLines(CanonicalOrder order, List<TaxLine> taxLines) {
        return new CanonicalOrder(order.channel(), order.channelOrderId(), order.storefrontId(), order.orderedAt(),
                order.sourceUpdatedAt(), order.status(), order.currency(), order.buyer(), order.shipTo(),
                order.lines(), order.shipping(), order.orderDiscounts(), taxLines, order.taxesIncluded(),
                order.fees(), order.totals(), order.presentment());
    }

    private static JsonNode fixture(String path) throws IOException {
        try (InputStream in = ErpSalesOrderMappingTest.class.getClassLoader().getResourceAsStream(path)) {
            return JSON.readTree(in);
        }
    }
}
