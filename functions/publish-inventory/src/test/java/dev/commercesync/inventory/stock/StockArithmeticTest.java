package dev.commercesync.inventory.stock;

import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.inventory.ChannelStockUpdate;
import dev.commercesync.model.inventory.ListingRule;
import dev.commercesync.model.order.SalesChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StockArithmeticTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void offeredIsSellableLessHoldsLessBufferThenAllocatedAndCappedNeverNegative() {
        List<StockFigure> figures = List.of(new StockFigure("east", 30, 5, 7L, T0), new StockFigure("west", 4, 9, 3L, T0));
        // west holds back more than it has: it adds nothing, and takes nothing from east.
        assertThat(AvailableToSell.sellable(figures)).isEqualTo(25);
        List<Hold> holds = List.of(new Hold("shopify:1", T0, 3, T0, null), new Hold("shopify:2", T0, 4, T0, T0),
                new Hold("amazon:3", T0, 0, T0, null));
        assertThat(AvailableToSell.held(holds)).isEqualTo(3);

        assertThat(AvailableToSell.offered(25, 3, ListingRule.ALL)).isEqualTo(22);
        assertThat(AvailableToSell.offered(25, 3, new ListingRule(2, 50, null))).isEqualTo(10);
        assertThat(AvailableToSell.offered(25, 3, new ListingRule(2, 33, null))).isEqualTo(6);
        assertThat(AvailableToSell.offered(25, 3, new ListingRule(0, 100, 5))).isEqualTo(5);
        assertThat(AvailableToSell.offered(4, 3, new ListingRule(2, 100, null))).isZero();
        assertThat(AvailableToSell.offered(0, 3, ListingRule.ALL)).isZero();
    }

    @Test
    void figuresAreOrderedBySequenceWhenNumberedElseByTime() {
        StockFigure seq5 = new StockFigure("default", 10, 0, 5L, T0.plusSeconds(60));
        StockFigure seq6Earlier = new StockFigure("default", 8, 0, 6L, T0);
        assertThat(seq6Earlier.isNewerThan(seq5)).isTrue();
        assertThat(seq5.isNewerThan(seq6Earlier)).isFalse();
        assertThat(seq5.isNewerThan(seq5)).as("a repeat is not newer").isFalse();

        StockFigure at10 = new StockFigure("default", 10, 0, null, T0);
        StockFigure at11 = new StockFigure("default", 9, 0, null, T0.plusSeconds(3600));
        assertThat(at11.isNewerThan(at10)).isTrue();
        assertThat(at10.isNewerThan(at11)).isFalse();
        assertThat(at10.isNewerThan(null)).isTrue();
    }

    @Test
    void aHoldEndsOnlyOnceItsOrderIsPostedAndEveryLocationsFigureIsLaterThanThePostingPlusMargin() {
        Duration margin = Duration.ofSeconds(2);
        Hold posted = new Hold("shopify:1", T0, 2, T0, null);
        Hold waiting = new Hold("shopify:2", T0, 1, T0, null);
        Map<String, OrderPosting> postings = Map.of(
                "shopify:1", new OrderPosting(true, T0.plusSeconds(10)),
                "shopify:2", OrderPosting.NOT_POSTED);

        List<StockFigure> before = List.of(new StockFigure("a", 5, 0, 1L, T0.plusSeconds(11)));
        assertThat(HoldRelease.reflected(List.of(posted, waiting), postings, before, margin))
                .as("a figure within the margin of the posting might not include it").isEmpty();

        List<StockFigure> after = List.of(new StockFigure("a", 5, 0, 2L, T0.plusSeconds(12)));
        assertThat(HoldRelease.reflected(List.of(posted, waiting), postings, after, margin)).containsExactly("shopify:1");

        List<StockFigure> oneLocationBehind = List.of(new StockFigure("a", 5, 0, 2L, T0.plusSeconds(60)),
                new StockFigure("b", 5, 0, 9L, T0.plusSeconds(5)));
        assertThat(HoldRelease.reflected(List.of(posted), postings, oneLocationBehind, margin))
                .as("the oldest location decides").isEmpty();
    }

    @Test
    void onlyListingsWhoseQuantityChangedArePlannedEachOneRevisionOnFromItsLast() {
        ChannelListing shopify = new ChannelListing(SalesChannel.SHOPIFY, "acme.myshopify.com", null,
                "gid://shopify/InventoryItem/1", "gid://shopify/Location/1", null, null, ListingRule.ALL);
        ChannelListing amazon = new ChannelListing(SalesChannel.AMAZON, "A1SELLER", null, null, null,
                List.of("ATVPDKIKX0DER"), null, new ListingRule(2, 100, null));
        ChannelListing ebay = new ChannelListing(SalesChannel.EBAY, "acme-ebay", null, null, null, null,
                List.of("1234"), ListingRule.ALL);
        String sku = "MUG-WHT";
        Map<String, ListingState> states = Map.of(
                shopify.listingKey(sku), state(sku, shopify, 10L, 4, 10L, 4),
                amazon.listingKey(sku), state(sku, amazon, 8L, 7, 8L, 7));

        // 12 sellable, 2 held: Shopify and Amazon already target what they should offer (10, and 8 after its buffer).
        assertThat(ListingPlan.changes(sku, List.of(shopify, amazon, ebay), 12, 2, states))
                .extracting(c -> c.listing().channel(), ListingPlan.Change::quantity, ListingPlan.Change::revision)
                .containsExactly(tuple(SalesChannel.EBAY, 10L, 1L));

        // One more unit held: every listing moves, each one revision after its own last.
        assertThat(ListingPlan.changes(sku, List.of(shopify, amazon, ebay), 12, 3, states))
                .extracting(c -> c.listing().channel(), ListingPlan.Change::quantity, ListingPlan.Change::revision)
                .containsExactly(tuple(SalesChannel.SHOPIFY, 9L, 5L), tuple(SalesChannel.AMAZON, 7L, 8L),
                        tuple(SalesChannel.EBAY, 9L, 1L));
    }

    @Test
    void aChannelUpdateOvertakenByANewerTargetOrAlreadyConfirmedIsNotSentButADriftRepairIs() {
        ChannelListing ebay = new ChannelListing(SalesChannel.EBAY, "acme-ebay", null, null, null, null,
                List.of("1234"), ListingRule.ALL);
        ListingState state = state("MUG-WHT", ebay, 6L, 5, 6L, 5);
        assertThat(ChannelUpdates.skipReason(update(ebay, 4, "stock"), state)).isEqualTo(ChannelUpdates.Skip.SUPERSEDED);
        assertThat(ChannelUpdates.skipReason(update(ebay, 5, "stock"), state)).isEqualTo(ChannelUpdates.Skip.ALREADY_SHOWN);
        assertThat(ChannelUpdates.skipReason(update(ebay, 5, "drift-repair"), state)).isNull();
        assertThat(ChannelUpdates.skipReason(update(ebay, 6, "stock"), state)).isNull();
        assertThat(ChannelUpdates.skipReason(update(ebay, 1, "stock"), null)).isNull();

        List<ChannelStockUpdate> batch = List.of(update(ebay, 6, "stock"), update(ebay, 8, "stock"),
                update(ebay, 7, "stock"));
        assertThat(ChannelUpdates.newestPerListing(batch, u -> u).values()).extracting(ChannelStockUpdate::revision)
                .containsExactly(8L);
        assertThat(ChannelUpdates.recentLags(List.of(1L, 2L, 3L), 4, 3)).containsExactly(2L, 3L, 4L);
    }

    private static ChannelStockUpdate update(ChannelListing listing, long revision, String reason) {
        return new ChannelStockUpdate("MUG-WHT", listing, revision, revision, T0, reason);
    }

    private static ListingState state(String sku, ChannelListing listing, Long target, long targetRevision, Long shown,
                                      long shownRevision) {
        return new ListingState(sku, listing.listingKey(sku), listing, target, targetRevision, T0, shown,
                shownRevision, T0, List.of(), null);
    }
}
