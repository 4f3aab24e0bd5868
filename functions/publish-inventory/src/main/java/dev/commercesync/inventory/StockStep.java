package dev.commercesync.inventory;

import dev.commercesync.inventory.stock.AvailableToSell;
import dev.commercesync.inventory.stock.Hold;
import dev.commercesync.inventory.stock.HoldRelease;
import dev.commercesync.inventory.stock.ListingPlan;
import dev.commercesync.inventory.stock.OrderPosting;
import dev.commercesync.inventory.stock.StockFigure;
import dev.commercesync.inventory.store.InventoryStore;
import dev.commercesync.inventory.store.OrderPostings;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.inventory.ChannelStockUpdate;
import dev.commercesync.model.inventory.ListingsChanged;
import dev.commercesync.model.inventory.SkuListings;
import dev.commercesync.model.inventory.StockEvent;
import dev.commercesync.model.inventory.StockHold;
import dev.commercesync.pipeline.batch.ReceivedMessage;
import dev.commercesync.pipeline.batch.RecordOutcome;
import dev.commercesync.pipeline.listing.ListingStore;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stock step, over one batch of the inventory queue: per SKU, applies the batch's figures and holds (each write
 * conditional on being newer), ends the holds the figures now reflect, works out what every listing should offer and
 * queues a channel update for each listing whose quantity changed — once per SKU and batch, however many events
 * moved it.
 */
@ApplicationScoped
public class StockStep {

    private static final Logger LOG = Logger.getLogger(StockStep.class);

    private final EventCodec codec;
    private final InventoryStore store;
    private final ListingStore listings;
    private final OrderPostings postings;
    private final EventPublisher publisher;
    private final InventoryConfig config;
    private final Clock clock;

    @Inject
    public StockStep(EventCodec codec, InventoryStore store, ListingStore listings, OrderPostings postings,
                     EventPublisher publisher, InventoryConfig config) {
        this(codec, store, listings, postings, publisher, config, Clock.systemUTC());
    }

    StockStep(EventCodec codec, InventoryStore store, ListingStore listings, OrderPostings postings,
              EventPublisher publisher, InventoryConfig config, Clock clock) {
        this.codec = codec;
        this.store = store;
        this.listings = listings;
        this.postings = postings;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    /** One decoded message of the inventory queue. */
    private record Received(ReceivedMessage message, EventEnvelope<?> event, String sku) {
    }

    public Map<String, RecordOutcome> handle(List<ReceivedMessage> messages) {
        Map<String, RecordOutcome> outcomes = new HashMap<>();
        Map<String, List<Received>> bySku = new LinkedHashMap<>();
        for (ReceivedMessage message : messages) {
            try {
                Received received = decode(message);
                bySku.computeIfAbsent(received.sku(), s -> new ArrayList<>()).add(received);
            } catch (MalformedEventException e) {
                LOG.errorf("message %s is not an inventory event: %s", message.messageId(), e.getMessage());
                outcomes.put(message.messageId(), new RecordOutcome.Failed(e.getMessage()));
            }
        }
        // One BatchGetItem for the listings of every SKU in the batch, not a GetItem per SKU.
        Map<String, SkuListings> listingsBySku = bySku.isEmpty() ? Map.of() : listings.findAll(bySku.keySet());
        bySku.forEach((sku, received) -> {
            try {
                applySku(sku, received, listingsBySku.get(sku));
            } catch (RuntimeException e) {
                LOG.errorf(e, "stock of %s not applied; its %d message(s) stay on the queue", sku, received.size());
                received.forEach(r -> outcomes.put(r.message().messageId(),
                        new RecordOutcome.Failed(String.valueOf(e.getMessage()))));
            }
        });
        return outcomes;
    }

    private Received decode(ReceivedMessage message) {
        String schema = codec.schemaOf(message.body());
        if (SchemaId.STOCK_V1.equals(schema)) {
            EventEnvelope<StockEvent> event = codec.decode(message.body(), schema, StockEvent.class);
            List<String> problems = event.payload().problems();
            if (!problems.isEmpty()) {
                throw new MalformedEventException("stock event " + event.eventId() + ": " + problems, null);
            }
            return new Received(message, event, event.payload().sku());
        }
        if (SchemaId.STOCK_HOLD_V1.equals(schema)) {
            EventEnvelope<StockHold> event = codec.decode(message.body(), schema, StockHold.class);
            return new Received(message, event, event.payload().sku());
        }
        if (SchemaId.LISTINGS_CHANGED_V1.equals(schema)) {
            EventEnvelope<ListingsChanged> event = codec.decode(message.body(), schema, ListingsChanged.class);
            return new Received(message, event, event.payload().sku());
        }
        throw new MalformedEventException("schema " + schema + " does not belong on the inventory queue", null);
    }

    private void applySku(String sku, List<Received> received, SkuListings skuListings) {
        Instant now = clock.instant();
        Map<String, StockFigure> newestFigures = new LinkedHashMap<>();
        Map<String, String> sources = new HashMap<>();
        Map<String, Instant> figureReceivedAt = new HashMap<>();
        Map<String, Hold> newestHolds = new LinkedHashMap<>();
        Received newest = received.get(0);
        for (Received r : received) {
            if (r.event().occurredAt().isAfter(newest.event().occurredAt())) {
                newest = r;
            }
            Object payload = r.event().payload();
            if (payload instanceof StockEvent stock) {
                // A source that numbers its figures may leave out the time; it is then the time we got the figure.
                StockFigure figure = new StockFigure(stock.locationId(), stock.onHand(), stock.reserved(),
                        stock.sequence(), stock.asOf() != null ? stock.asOf() : r.event().occurredAt());
                if (figure.isNewerThan(newestFigures.get(figure.locationId()))) {
                    newestFigures.put(figure.locationId(), figure);
                    sources.put(figure.locationId(), stock.source());
                    figureReceivedAt.put(figure.locationId(), r.event().occurredAt());
                }
            } else if (payload instanceof StockHold hold) {
                Hold candidate = new Hold(hold.orderKey(), hold.orderVersion(), hold.quantity(), hold.acceptedAt(), null);
                Hold current = newestHolds.get(hold.orderKey());
                if (current == null || candidate.orderVersion().isAfter(current.orderVersion())) {
                    newestHolds.put(hold.orderKey(), candidate);
                }
            }
        }
        newestFigures.forEach((location, figure) -> {
            if (!store.applyFigure(sku, figure, sources.get(location), figureReceivedAt.get(location))) {
                LOG.infof("stock figure for %s at %s ignored: a newer one is applied (sequence %s, as of %s)", sku,
                        location, figure.sequence(), figure.asOf());
            }
        });
        newestHolds.values().forEach(hold -> {
            if (!store.applyHold(sku, hold)) {
                LOG.infof("hold of %s for %s ignored: a newer order version holds it", hold.orderKey(), sku);
            }
        });

        InventoryStore.SkuRecords records = store.load(sku);
        List<Hold> holds = releaseReflected(sku, records, now);
        if (records.figures().isEmpty()) {
            LOG.infof("no stock figure for %s yet: nothing published (%d open holds)", sku,
                    holds.stream().filter(Hold::open).count());
            return;
        }
        long sellable = AvailableToSell.sellable(records.figures());
        long held = AvailableToSell.held(holds);
        List<ChannelListing> channelListings = skuListings == null ? List.of() : skuListings.listings();
        List<ListingPlan.Change> changes = ListingPlan.changes(sku, channelListings, sellable, held,
                records.listings());
        Instant sourceTime = newest.event().occurredAt();
        for (ListingPlan.Change change : changes) {
            ChannelStockUpdate update = new ChannelStockUpdate(sku, change.listing(), change.quantity(),
                    change.revision(), sourceTime, ChannelStockUpdate.REASON_STOCK);
            // Queue first, then record: a crash in between re-sends the same revision, which the FIFO queue's
            // deduplication and the publisher's revision check absorb; the other order could lose the update.
            publisher.publish(config.queueOf(change.listing().channel()), envelope(update, newest.event(), now));
            store.recordTarget(sku, change.listing(), change.quantity(), change.revision(), sourceTime, now);
        }
        LOG.infof("stock of %s: sellable %d, held %d, %d listing(s), %d update(s) queued", sku, sellable, held,
                channelListings.size(), changes.size());
    }

    private List<Hold> releaseReflected(String sku, InventoryStore.SkuRecords records, Instant now) {
        List<String> candidates = HoldRelease.candidates(records.holds(), records.figures());
        if (candidates.isEmpty()) {
            return records.holds();
        }
        Map<String, OrderPosting> posted = postings.find(candidates);
        List<String> reflected = HoldRelease.reflected(records.holds(), posted, records.figures(),
                config.holdReleaseMargin());
        if (reflected.isEmpty()) {
            return records.holds();
        }
        Map<String, Instant> versions = new HashMap<>();
        List<Hold> after = new ArrayList<>();
        for (Hold hold : records.holds()) {
            if (reflected.contains(hold.orderKey())) {
                versions.put(hold.orderKey(), hold.orderVersion());
                after.add(new Hold(hold.orderKey(), hold.orderVersion(), hold.quantity(), hold.acceptedAt(), now));
            } else {
                after.add(hold);
            }
        }
        store.releaseHolds(sku, versions, now);
        LOG.infof("holds of %s ended, the ERP's stock reflects them: %s", sku, reflected);
        return after;
    }

    private static EventEnvelope<ChannelStockUpdate> envelope(ChannelStockUpdate update, EventEnvelope<?> cause,
                                                              Instant now) {
        return new EventEnvelope<>(SchemaId.CHANNEL_STOCK_V1, UUID.randomUUID().toString(), cause.correlationId(),
                cause.eventId(), now, update.listing().channel().id(), null, update.idempotencyKey(), List.of(),
                update);
    }
}
