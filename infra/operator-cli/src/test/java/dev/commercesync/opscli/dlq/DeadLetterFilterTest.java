package dev.commercesync.opscli.dlq;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void everyCriterionMustHold() {
        DeadLetter rejected = letter("m1", "shopify", "shopify:1", NOW.minus(Duration.ofHours(3)),
                new OrderSnapshot("shopify:1", "ERP_REJECTED", NOW, "ERP_REJECTED", "OPEN", "422 unknown SKU MUG-RED"));
        DeadLetterFilter filter = new DeadLetterFilter(Optional.of("SHOPIFY"), Optional.of("shopify:1"),
                Optional.of("mug-red"), Optional.of(Duration.ofHours(2)), Set.of(), 0);

        assertThat(filter.matches(rejected, NOW)).isTrue();
        assertThat(filter.matches(letter("m2", "shopify", "shopify:1", NOW.minus(Duration.ofMinutes(5)),
                rejected.order()), NOW)).as("too young").isFalse();
        assertThat(filter.matches(letter("m3", "shopify", "shopify:1", NOW.minus(Duration.ofHours(3)), null), NOW))
                .as("no recorded error to match").isFalse();
    }

    @Test
    void theChannelComesFromTheOrderKeyWhenTheEnvelopeHasNone() {
        DeadLetterFilter ebay = new DeadLetterFilter(Optional.of("ebay"), Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of(), 0);

        assertThat(ebay.matches(letter("m1", null, "ebay:77", NOW, null), NOW)).isTrue();
        assertThat(ebay.matches(letter("m2", null, null, NOW, null), NOW)).isFalse();
    }

    @Test
    void messageIdsPinTheSelection() {
        DeadLetterFilter pinned = new DeadLetterFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of("m2"), 0);

        assertThat(pinned.matches(letter("m1", "amazon", "amazon:1", NOW, null), NOW)).isFalse();
        assertThat(pinned.matches(letter("m2", "amazon", "amazon:1", NOW, null), NOW)).isTrue();
        assertThat(pinned.describe()).isEqualTo("message-ids=m2");
        assertThat(DeadLetterFilter.everything().describe()).isEqualTo("all messages");
    }

    private static DeadLetter letter(String id, String channel, String orderKey, Instant sentAt, OrderSnapshot order) {
        return new DeadLetter(id, sentAt, sentAt, 3, null, "commerce.order.v1", channel, orderKey, "corr-1", "ev-1",
                order);
    }
}
