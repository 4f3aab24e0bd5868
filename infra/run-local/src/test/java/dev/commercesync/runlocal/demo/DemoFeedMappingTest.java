package dev.commercesync.runlocal.demo;

import dev.commercesync.map.channel.MappingOutcome;
import dev.commercesync.map.channel.OrderMapping;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.OrderLine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every body the feed generates goes through the pipeline's real mappers ({@code functions/map}) as ingest would
 * hand it over: valid ones map and reconcile, non-reconciling ones are refused for their grand total.
 */
class DemoFeedMappingTest {

    private final OrderMapping mapping = OrderMapping.forAllChannels();

    @Test
    void everyValidDeliveryMapsAndReconcilesAndEveryNonReconcilingOneIsRefused() {
        Set<String> seen = new HashSet<>();
        int mapped = 0;
        int refused = 0;
        for (long seed = 1; seed <= 3; seed++) {
            DemoFeed feed = DemoFeed.generate(new DemoOptions(150, seed, 0.1, 0.3, 0.04, 0.06, "secret"));
            for (Delivery delivery : feed.deliveries()) {
                if (delivery.expectation() == Expectation.MALFORMED) {
                    continue;
                }
                MappingOutcome outcome = mapping.map(received(delivery));
                if (delivery.expectation() == Expectation.NON_RECONCILING) {
                    assertThat(outcome).as(delivery.toString()).isInstanceOf(MappingOutcome.Rejected.class);
                    assertThat(((MappingOutcome.Rejected) outcome).reason()).startsWith("grandTotal stated");
                    refused++;
                    continue;
                }
                assertThat(outcome).as(() -> delivery + ": " + outcome).isInstanceOf(MappingOutcome.Mapped.class);
                CanonicalOrder order = ((MappingOutcome.Mapped) outcome).order();
                assertThat(order.key().value()).isEqualTo(delivery.orderKey());
                assertThat(order.sourceUpdatedAt()).isEqualTo(delivery.sourceVersion());
                seen.addAll(variety(order));
                mapped++;
            }
        }
        assertThat(mapped).isGreaterThan(400);
        assertThat(refused).isEqualTo(27);
        // The spread the feed promises, seen through the mappers' eyes.
        assertThat(seen).contains("currency USD", "currency EUR", "currency GBP", "presentment CAD",
                "taxes included", "taxes on top", "lines 1", "lines 2", "lines 3", "lines 4", "quantity 3",
                "line discount", "shipping discount", "remitted tax", "status FULFILLED", "status PARTIALLY_FULFILLED",
                "storefront commerce-sync-demo-eu.myshopify.com", "storefront A1F83G8C2ARO7P", "storefront EBAY_DE");
    }

    /** The raw order as ingest records it: channel, id, receipt time and the Shopify headers. */
    private static RawOrderReceived received(Delivery delivery) {
        String topic = delivery.headers().get("X-Shopify-Topic");
        return new RawOrderReceived(delivery.channel().id(),
                delivery.orderKey().substring(delivery.orderKey().indexOf(':') + 1),
                Instant.parse("2026-11-21T00:00:00Z"), delivery.webhookId(), topic == null ? "order" : topic,
                delivery.headers().get("X-Shopify-Shop-Domain"), new String(delivery.body(), StandardCharsets.UTF_8));
    }

    private static Set<String> variety(CanonicalOrder order) {
        Set<String> seen = new HashSet<>();
        seen.add("currency " + order.currency());
        seen.add(order.taxesIncluded() ? "taxes included" : "taxes on top");
        seen.add("lines " + order.lines().size());
        seen.add("status " + order.status());
        seen.add("storefront " + order.storefrontId());
        if (order.presentment() != null) {
            seen.add("presentment " + order.presentment().currency());
        }
        for (OrderLine line : order.lines()) {
            seen.add("quantity " + line.quantity());
            if (!line.discounts().isEmpty()) {
                seen.add("line discount");
            }
        }
        if (order.shipping() != null && !order.shipping().discount().isZero()) {
            seen.add("shipping discount");
        }
        if (order.taxLines().stream().anyMatch(t -> t.remittedByMarketplace())) {
            seen.add("remitted tax");
        }
        return seen;
    }
}
