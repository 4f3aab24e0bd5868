package dev.commercesync.inventory;

import dev.commercesync.inventory.channel.ListingQuantity;
import dev.commercesync.inventory.channel.MarketplaceInventory;
import dev.commercesync.inventory.channel.PublishResult;
import dev.commercesync.inventory.stock.ChannelUpdates;
import dev.commercesync.inventory.stock.ListingState;
import dev.commercesync.inventory.store.InventoryStore;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.ChannelStockUpdate;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.batch.ReceivedMessage;
import dev.commercesync.pipeline.batch.RecordOutcome;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.MalformedEventException;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.metrics.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The publishing step, over one batch of one channel's queue: keeps the newest update per listing, drops those a newer
 * target has overtaken or the channel already confirmed, sends the rest to the channel in one go (its adapter batches
 * and paces them), and records what the channel confirmed with the publish lag. Throttled and unavailable updates go
 * back to the queue for as long as the channel asked; refused ones are recorded on the listing for an operator.
 */
@ApplicationScoped
public class ChannelPublishing {

    private static final Logger LOG = Logger.getLogger(ChannelPublishing.class);

    private final EventCodec codec;
    private final InventoryStore store;
    private final Map<SalesChannel, MarketplaceInventory> marketplaces;
    private final InventoryConfig config;
    private final BusinessMetrics metrics;
    private final Clock clock;

    @Inject
    public ChannelPublishing(EventCodec codec, InventoryStore store, Instance<MarketplaceInventory> marketplaces,
                             InventoryConfig config, BusinessMetrics metrics) {
        this(codec, store, marketplaces.stream().toList(), config, metrics, Clock.systemUTC());
    }

    ChannelPublishing(EventCodec codec, InventoryStore store, List<MarketplaceInventory> marketplaces,
                      InventoryConfig config, BusinessMetrics metrics, Clock clock) {
        this.codec = codec;
        this.store = store;
        this.marketplaces = new EnumMap<>(SalesChannel.class);
        marketplaces.forEach(m -> this.marketplaces.put(m.channel(), m));
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    private record Received(ReceivedMessage message, ChannelStockUpdate update) {
    }

    public Map<String, RecordOutcome> handle(SalesChannel channel, List<ReceivedMessage> messages) {
        MarketplaceInventory marketplace = marketplaces.get(channel);
        if (marketplace == null) {
            throw new IllegalStateException("no marketplace adapter for " + channel.id());
        }
        Map<String, RecordOutcome> outcomes = new HashMap<>();
        List<Received> received = new ArrayList<>();
        for (ReceivedMessage message : messages) {
            try {
                EventEnvelope<ChannelStockUpdate> event = codec.decode(message.body(), SchemaId.CHANNEL_STOCK_V1,
                        ChannelStockUpdate.class);
                if (event.payload().listing().channel() != channel) {
                    throw new MalformedEventException("a " + event.payload().listing().channel().id()
                            + " update on the " + channel.id() + " queue", null);
                }
                received.add(new Received(message, event.payload()));
            } catch (MalformedEventException e) {
                LOG.errorf("message %s is not a %s stock update: %s", message.messageId(), channel.id(), e.getMessage());
                outcomes.put(message.messageId(), new RecordOutcome.Failed(e.getMessage()));
            }
        }
        Map<String, Received> newest = ChannelUpdates.newestPerListing(received, Received::update);
        Map<String, List<Received>> byListing = received.stream()
                .collect(Collectors.groupingBy(r -> r.update().listingKey(), LinkedHashMap::new, Collectors.toList()));

        Map<String, ListingState> states = new HashMap<>();
        newest.values().stream().collect(Collectors.groupingBy(r -> r.update().sku(), LinkedHashMap::new,
                        Collectors.mapping(r -> r.update().listingKey(), Collectors.toList())))
                .forEach((sku, keys) -> states.putAll(store.listingStates(sku, keys)));

        List<ListingQuantity> toSend = new ArrayList<>();
        for (Received r : newest.values()) {
            ChannelStockUpdate update = r.update();
            ChannelUpdates.Skip skip = ChannelUpdates.skipReason(update, states.get(update.listingKey()));
            if (skip != null) {
                LOG.debugf("%s revision %d not sent: %s", update.listingKey(), update.revision(), skip);
                continue;
            }
            ListingState state = states.get(update.listingKey());
            String idempotencyKey = update.listingKey() + ":" + update.revision()
                    + (ChannelStockUpdate.REASON_DRIFT_REPAIR.equals(update.reason()) ? ":repair:" + r.message().messageId() : "");
            toSend.add(new ListingQuantity(update.sku(), update.listing(), update.quantity(),
                    state == null ? null : state.shownQuantity(), idempotencyKey));
        }
        if (toSend.isEmpty()) {
            return outcomes;
        }

        Map<String, PublishResult> results = new HashMap<>();
        marketplace.publish(toSend).forEach(result -> results.put(result.listingKey(), result));
        for (ListingQuantity sent : toSend) {
            Received r = newest.get(sent.listingKey());
            RecordOutcome outcome = settle(r.update(), states.get(sent.listingKey()), results.get(sent.listingKey()));
            // Older updates of the listing were coalesced into this one: they share its fate only if it must wait.
            for (Received same : byListing.get(sent.listingKey())) {
                if (same == r || !(outcome instanceof RecordOutcome.Done)) {
                    outcomes.put(same.message().messageId(), outcome);
                }
            }
        }
        return outcomes;
    }

    private RecordOutcome settle(ChannelStockUpdate update, ListingState state, PublishResult result) {
        String key = update.listingKey();
        if (result == null) {
            return new RecordOutcome.Failed("the " + update.listing().channel().id() + " adapter gave no result for " + key);
        }
        if (result instanceof PublishResult.Published published) {
            long lagMs = Math.max(0, Duration.between(update.sourceTime(), published.confirmedAt()).toMillis());
            List<Long> lags = ChannelUpdates.recentLags(state == null ? List.of() : state.recentLagsMs(), lagMs,
                    config.recentLagsKept());
            store.recordShown(update.sku(), key, published.quantity(), update.revision(), published.confirmedAt(), lags);
            LOG.infof("%s shows %d (revision %d, lag %d ms)", key, published.quantity(), update.revision(), lagMs);
            metrics.latency(Metric.INVENTORY_PUBLISH_LAG, update.listing().channel().id(), Duration.ofMillis(lagMs));
            return RecordOutcome.DONE;
        }
        if (result instanceof PublishResult.Throttled throttled) {
            metrics.count(Metric.CHANNEL_THROTTLES, update.listing().channel().id());
            return new RecordOutcome.RetryLater(throttled.retryAfter(), key + " throttled by the channel");
        }
        if (result instanceof PublishResult.Unavailable unavailable) {
            return new RecordOutcome.RetryLater(config.unavailableRetryDelay(), key + ": " + unavailable.reason());
        }
        if (result instanceof PublishResult.Rejected rejected) {
            Instant now = clock.instant();
            store.recordRejection(update.sku(), key, rejected.reason(), now);
            LOG.warnf("%s refused quantity %d: %s (recorded on the listing)", key, update.quantity(), rejected.reason());
            return RecordOutcome.DONE;
        }
        throw new IllegalArgumentException("unknown publish result " + result);
    }
}
