package dev.commercesync.pipeline.config;

import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.inventory.ChannelStockUpdate;
import dev.commercesync.model.inventory.ListingRule;
import dev.commercesync.model.inventory.ListingsChanged;
import dev.commercesync.model.inventory.SkuListings;
import dev.commercesync.model.inventory.StockEvent;
import dev.commercesync.model.inventory.StockHold;
import dev.commercesync.model.order.Address;
import dev.commercesync.model.order.Buyer;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.MarketplaceFee;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderStatus;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.PresentmentAmounts;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.order.Shipping;
import dev.commercesync.model.order.TaxLine;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The shared-model contract types are read and written by Jackson through reflection; a native image only keeps
 * what is registered. shared-model itself stays free of Quarkus, so the registration lives here, in the one module
 * every function includes.
 */
@RegisterForReflection(targets = {
        EventEnvelope.class, RawOrderReceived.class, TimelineEntry.class,
        CanonicalOrder.class, Money.class, SalesChannel.class, OrderStatus.class, Buyer.class, Address.class,
        OrderLine.class, Discount.class, Shipping.class, TaxLine.class, TaxLine.TaxTarget.class, MarketplaceFee.class,
        OrderTotals.class, PresentmentAmounts.class,
        StockEvent.class, StockHold.class, ListingsChanged.class, ChannelStockUpdate.class, SkuListings.class,
        ChannelListing.class, ListingRule.class})
public final class ContractReflection {
    private ContractReflection() {
    }
}
