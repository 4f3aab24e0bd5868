package dev.commercesync.pipeline.http;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdsTest {

    private static final UUID FRESH = UUID.fromString("00000000-0000-4000-8000-000000000001");

    @Test
    void keepsAUsableIncomingId() {
        assertThat(CorrelationIds.acceptOrCreate("  shopify-retry-42 ", () -> FRESH)).isEqualTo("shopify-retry-42");
        assertThat(CorrelationIds.acceptOrCreate("x".repeat(128), () -> FRESH)).hasSize(128);
    }

    @Test
    void createsOneWhenNoneOrAnUnusableOneArrives() {
        assertThat(CorrelationIds.acceptOrCreate(null, () -> FRESH)).isEqualTo(FRESH.toString());
        assertThat(CorrelationIds.acceptOrCreate("   ", () -> FRESH)).isEqualTo(FRESH.toString());
        assertThat(CorrelationIds.acceptOrCreate("x".repeat(129), () -> FRESH)).isEqualTo(FRESH.toString());
        // A forged log line, an inner space, non-ASCII: not repaired, replaced.
        assertThat(CorrelationIds.acceptOrCreate("abc\nINFO fake line", () -> FRESH)).isEqualTo(FRESH.toString());
        assertThat(CorrelationIds.acceptOrCreate("abc def", () -> FRESH)).isEqualTo(FRESH.toString());
        assertThat(CorrelationIds.acceptOrCreate("bestellung-ä", () -> FRESH)).isEqualTo(FRESH.toString());
    }

    @Test
    void createsRandomUuids() {
        String first = CorrelationIds.acceptOrCreate(null);
        assertThat(UUID.fromString(first)).isNotNull();
        assertThat(CorrelationIds.acceptOrCreate(null)).isNotEqualTo(first);
    }
}
