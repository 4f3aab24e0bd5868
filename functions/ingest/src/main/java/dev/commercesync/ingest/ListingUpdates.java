package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.ingest.ListingUpdateOutcome.Applied;
import dev.commercesync.ingest.ListingUpdateOutcome.Invalid;
import dev.commercesync.ingest.ListingUpdateOutcome.Malformed;
import dev.commercesync.ingest.ListingUpdateOutcome.StoredNotApplied;
import dev.commercesync.ingest.ListingUpdateOutcome.TooLarge;
import dev.commercesync.ingest.ListingUpdateOutcome.VersionConflict;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.inventory.ListingsChanged;
import dev.commercesync.model.inventory.SkuListings;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.http.CallerText;
import dev.commercesync.pipeline.http.ProblemDetails.FieldProblem;
import dev.commercesync.pipeline.listing.ListingStore;
import dev.commercesync.pipeline.listing.ListingVersionConflict;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.PublishFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Replaces a SKU's channel listings and tells publish-inventory, which then gives each listing its quantity under
 * the new rules without waiting for the next stock figure. Store first, then send: a change that was stored but not
 * sent is reported as such, and repeating the PUT (with the new version) sends it again.
 */
@ApplicationScoped
public class ListingUpdates {

    private static final Logger LOG = Logger.getLogger(ListingUpdates.class);

    private static final String KNOWN_CHANNELS = Arrays.stream(SalesChannel.values()).map(SalesChannel::id)
            .collect(Collectors.joining(", "));
    private static final List<String> LISTING_FIELDS = List.of("channel", "account", "sellerSku", "inventoryItemId",
            "locationId", "marketplaceIds", "offerIds", "rule");
    private static final List<String> RULE_FIELDS = List.of("bufferUnits", "allocationPercent", "maxQuantity");

    private final ListingStore store;
    private final EventPublisher publisher;
    private final Supplier<String> inventoryQueueUrl;
    private final int maxBodyBytes;
    private final Clock clock;

    @Inject
    public ListingUpdates(ListingStore store, EventPublisher publisher, PipelineConfig pipeline, IngestConfig config) {
        this(store, publisher, () -> PipelineConfig.require(pipeline.queues().inventory(), "INVENTORY_QUEUE_URL"),
                config.maxMessageBytes(), Clock.systemUTC());
    }

    ListingUpdates(ListingStore store, EventPublisher publisher, Supplier<String> inventoryQueueUrl, int maxBodyBytes,
                   Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.inventoryQueueUrl = inventoryQueueUrl;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    public Optional<SkuListings> find(String sku) {
        return store.find(sku);
    }

    /**
     * @param ifMatch the request's {@code If-Match}: a quoted version ({@code "3"}, {@code "0"} for "only if the SKU
     *                has no listings yet"), {@code *} for "only if it has some", or null for no condition
     */
    public ListingUpdateOutcome replace(String sku, byte[] body, String ifMatch, String correlationId) {
        if (body.length > maxBodyBytes) {
            return new TooLarge("body is " + body.length + " bytes; a SKU's listings may take at most " + maxBodyBytes);
        }
        OptionalLong expected;
        try {
            expected = expectedVersion(sku, ifMatch);
        } catch (IllegalArgumentException e) {
            return new Malformed(e.getMessage());
        }
        RequestJson.Parsed parsed = RequestJson.parse(body);
        if (parsed.fault() != null) {
            return new Malformed(parsed.fault());
        }
        JsonNode json = parsed.json();
        JsonNode items = json.get("listings");
        if (!json.isObject() || items == null || !items.isArray()) {
            return new Malformed("body must be an object whose \"listings\" is an array of channel listings");
        }

        List<ChannelListing> listings = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            read(items.get(i), "/listings/" + i, listings, problems);
        }
        if (problems.isEmpty()) {
            problems.addAll(crossListingProblems(sku, listings));
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }

        Instant now = clock.instant();
        SkuListings stored;
        try {
            stored = store.replace(sku, listings, expected, now);
        } catch (ListingVersionConflict e) {
            return new VersionConflict(e.expectedVersion(), e.currentVersion());
        }
        ListingsChanged changed = new ListingsChanged(sku, stored.version(), now);
        EventEnvelope<ListingsChanged> envelope = new EventEnvelope<>(SchemaId.LISTINGS_CHANGED_V1,
                UUID.randomUUID().toString(), correlationId, null, now, null, null, changed.idempotencyKey(),
                List.of(), changed);
        try {
            publisher.publish(inventoryQueueUrl.get(), envelope);
        } catch (PublishFailedException e) {
            LOG.errorf(e, "listings of %s stored as version %d but the change was not queued (correlation %s)", sku,
                    stored.version(), correlationId);
            return new StoredNotApplied(stored);
        }
        LOG.infof("listings of %s replaced: version %d, %d listings (correlation %s)", sku, stored.version(),
                stored.listings().size(), correlationId);
        return new Applied(stored);
    }

    private OptionalLong expectedVersion(String sku, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.strip();
        if (tag.equals("*")) {
            // "Only if it exists": the version read now, so a replacement in between still conflicts.
            return OptionalLong.of(store.find(sku).map(SkuListings::version).orElse(-1L));
        }
        if (tag.matches("\"[0-9]{1,18}\"")) {
            return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
        }
        throw new IllegalArgumentException("If-Match must be the ETag of a version, such as \"3\" (with the quotes)");
    }

    private static void read(JsonNode item, String base, List<ChannelListing> listings, List<FieldProblem> problems) {
        if (!item.isObject()) {
            problems.add(new FieldProblem(null, base, "a listing must be a JSON object"));
            return;
        }
        JsonNode channel = item.get("channel");
        if (channel != null && !channel.isNull()
                && (!channel.isTextual() || SalesChannel.fromId(channel.asText()).isEmpty())) {
            problems.add(new FieldProblem(null, base + "/channel", "unknown channel "
                    + CallerText.quote(channel.isTextual() ? channel.asText() : channel.toString())
                    + "; known channels: " + KNOWN_CHANNELS));
            return;
        }
        RequestJson.Bound<ChannelListing> bound = RequestJson.bind(item, ChannelListing.class, null, base);
        if (bound.problem() != null) {
            problems.add(bound.problem());
            return;
        }
        ChannelListing listing = bound.value();
        for (String problem : listing.problems()) {
            problems.add(new FieldProblem(null, RequestJson.pointerOf(base, problem, LISTING_FIELDS, RULE_FIELDS),
                    problem));
        }
        listings.add(listing);
    }

    /**
     * What only the whole set can show, by {@link SkuListings#problems()}: the SKU itself, and a listing that appears
     * twice (pointed at its second appearance).
     */
    private static List<FieldProblem> crossListingProblems(String sku, List<ChannelListing> listings) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> firstAt = new HashMap<>();
        Set<String> explained = new HashSet<>();
        for (int i = 0; i < listings.size(); i++) {
            String key = listings.get(i).listingKey(sku);
            Integer first = firstAt.putIfAbsent(key, i);
            if (first != null) {
                String detail = listings.get(i).channel().id() + " listing " + key + " appears twice";
                problems.add(new FieldProblem(null, "/listings/" + i, detail + " (first at /listings/" + first + ")"));
                explained.add(detail);
            }
        }
        for (String problem : new SkuListings(sku, listings, 0, null).problems()) {
            if (!explained.contains(problem)) {
                problems.add(new FieldProblem(null, null, problem)); // the SKU, which is in the path, not the body
            }
        }
        return problems;
    }
}
