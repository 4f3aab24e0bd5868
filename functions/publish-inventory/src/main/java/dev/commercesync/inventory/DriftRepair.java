package dev.commercesync.inventory;

import dev.commercesync.inventory.channel.ListingRef;
import dev.commercesync.inventory.channel.MarketplaceInventory;
import dev.commercesync.inventory.channel.ShownQuantity;
import dev.commercesync.inventory.stock.ListingState;
import dev.commercesync.inventory.store.InventoryStore;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.ChannelStockUpdate;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.metrics.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads every listing back from its channel and compares it with what should be there. A listing whose last target
 * the channel confirmed but which now shows something else has drifted (a manual edit, a channel-side order, a lost
 * update): the drift is recorded on the listing and the target is queued again. A listing with an update still in
 * flight is left to that update.
 */
@ApplicationScoped
public class DriftRepair {

    private static final Logger LOG = Logger.getLogger(DriftRepair.class);
    private static final int READ_CHUNK = 50;

    private final InventoryStore store;
    private final Map<SalesChannel, MarketplaceInventory> marketplaces;
    private final EventPublisher publisher;
    private final InventoryConfig config;
    private final BusinessMetrics metrics;
    private final Clock clock;

    @Inject
    public DriftRepair(InventoryStore store, Instance<MarketplaceInventory> marketplaces, EventPublisher publisher,
                       InventoryConfig config, BusinessMetrics metrics) {
        this(store, marketplaces.stream().toList(), publisher, config, metrics, Clock.systemUTC());
    }

    DriftRepair(InventoryStore store, List<MarketplaceInventory> marketplaces, EventPublisher publisher,
                InventoryConfig config, BusinessMetrics metrics, Clock clock) {
        this.store = store;
        this.marketplaces = new EnumMap<>(SalesChannel.class);
        marketplaces.forEach(m -> this.marketplaces.put(m.channel(), m));
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    public DriftReport run() {
        Map<SalesChannel, List<ListingState>> byChannel = new EnumMap<>(SalesChannel.class);
        store.forEachListing(state -> {
            if (state.listing() != null && state.targetQuantity() != null) {
                byChannel.computeIfAbsent(state.listing().channel(), c -> new ArrayList<>()).add(state);
            }
        });
        Map<String, DriftReport.ChannelDrift> channels = new HashMap<>();
        byChannel.forEach((channel, states) -> channels.put(channel.id(), check(channel, states)));
        DriftReport report = new DriftReport(clock.instant(), channels);
        LOG.infof("drift check: %s", report);
        // Every channel with an adapter, 0 included: an alarm on drift must tell "none" from "not checked".
        for (SalesChannel channel : marketplaces.keySet()) {
            DriftReport.ChannelDrift drift = channels.get(channel.id());
            metrics.count(Metric.INVENTORY_DRIFT, channel.id(), drift == null ? 0 : drift.drifted());
        }
        return report;
    }

    private DriftReport.ChannelDrift check(SalesChannel channel, List<ListingState> states) {
        MarketplaceInventory marketplace = marketplaces.get(channel);
        int inSync = 0;
        int drifted = 0;
        int inFlight = 0;
        int unreadable = 0;
        for (int from = 0; from < states.size(); from += READ_CHUNK) {
            List<ListingState> chunk = states.subList(from, Math.min(states.size(), from + READ_CHUNK));
            Map<String, ShownQuantity> shown = new HashMap<>();
            marketplace.read(chunk.stream().map(s -> new ListingRef(s.sku(), s.listing())).toList())
                    .forEach(q -> shown.put(q.listingKey(), q));
            Instant now = clock.instant();
            for (ListingState state : chunk) {
                ShownQuantity answer = shown.get(state.listingKey());
                if (answer == null || answer.quantity() == null) {
                    unreadable++;
                    String problem = answer == null ? "no answer from the channel" : answer.problem();
                    store.recordDrift(state.sku(), state.listingKey(), null, state.targetQuantity(), problem, now);
                    LOG.warnf("drift check: %s unreadable: %s", state.listingKey(), problem);
                } else if (!state.settled()) {
                    inFlight++;
                } else if (answer.quantity().longValue() == state.targetQuantity()) {
                    inSync++;
                } else {
                    drifted++;
                    store.recordDrift(state.sku(), state.listingKey(), answer.quantity(), state.targetQuantity(), null, now);
                    ChannelStockUpdate repair = new ChannelStockUpdate(state.sku(), state.listing(),
                            state.targetQuantity(), state.targetRevision(), now, ChannelStockUpdate.REASON_DRIFT_REPAIR);
                    String correlationId = "drift-" + UUID.randomUUID();
                    publisher.publish(config.queueOf(channel), new EventEnvelope<>(SchemaId.CHANNEL_STOCK_V1,
                            UUID.randomUUID().toString(), correlationId, null, now, channel.id(), null, null, List.of(),
                            repair));
                    LOG.warnf("drift: %s shows %d, should show %d; repair queued", state.listingKey(),
                            answer.quantity(), state.targetQuantity());
                }
            }
        }
        return new DriftReport.ChannelDrift(states.size(), inSync, drifted, inFlight, unreadable);
    }
}
