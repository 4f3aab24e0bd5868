package dev.commercesync.runlocal.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Builds one {@link DemoFeed}: places the orders, writes each as its channel sends it, schedules the deliveries on
 * the feed's clock (webhooks seconds after the change, polls minutes after), adds updates, late creates and
 * redeliveries, sorts by delivery time and says what each delivery should come to. Every draw comes from one
 * seeded random in a fixed order; that is the whole of the feed's repeatability, so keep new draws out of loops
 * over unordered collections.
 */
final class FeedAssembly {

    /** The feed's calendar, fixed so a seed gives the same timestamps on every run. */
    static final Instant FIRST_ORDER_AT = Instant.parse("2026-11-20T08:00:00Z");

    private static final String SHOPIFY_API_VERSION = "2025-10";
    private static final List<String> STATED_TOTAL_ERRORS = List.of("0.01", "0.05", "0.10", "0.99", "1.00", "2.50");
    private static final char[] ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    /** What an order is delivered as. */
    private enum Fate { VALID, MALFORMED, NON_RECONCILING }

    /**
     * A delivery on the feed's clock. {@code payload} names the bytes: a redelivery shares it with its original.
     */
    private record Scheduled(Instant sendAt, long sequence, long payload, Fate fate, SalesChannel channel,
                             Map<String, String> headers, byte[] body, String orderKey, Instant version) {

        Scheduled at(Instant newSendAt, long newSequence) {
            return new Scheduled(newSendAt, newSequence, payload, fate, channel, headers, body, orderKey, version);
        }
    }

    private final DemoOptions options;
    private final ObjectMapper json;
    private final Random random;
    private final ShopifyOrderWebhook shopify;
    private final SpApiOrderBody amazon;
    private final EbayFulfillmentOrder ebay;
    private final ShopifyHmac hmac;
    private final Map<SalesChannel, Set<String>> orderIds = new EnumMap<>(SalesChannel.class);
    private final Map<Storefront, Long> orderNumbers = new EnumMap<>(Storefront.class);
    private final List<String> placedValidKeys = new ArrayList<>();
    private long sequence;
    private int placed;

    FeedAssembly(DemoOptions options, ObjectMapper json) {
        this.options = options;
        this.json = json;
        this.random = new Random(options.seed());
        this.shopify = new ShopifyOrderWebhook(json);
        this.amazon = new SpApiOrderBody(json);
        this.ebay = new EbayFulfillmentOrder(json);
        this.hmac = options.shopifySecret() == null ? null : new ShopifyHmac(options.shopifySecret());
        for (SalesChannel channel : SalesChannel.values()) {
            orderIds.put(channel, new HashSet<>());
        }
    }

    List<Delivery> deliveries() {
        List<Fate> fates = fates();
        List<Scheduled> scheduled = new ArrayList<>();
        Map<Integer, PlacedOrder> shopifyOrders = new LinkedHashMap<>();
        Instant placedAt = FIRST_ORDER_AT;
        for (Fate fate : fates) {
            placedAt = placedAt.plusSeconds(45 + random.nextInt(555));
            Storefront storefront = storefront();
            BigDecimal error = fate == Fate.NON_RECONCILING ? statedTotalError() : BigDecimal.ZERO;
            PlacedOrder order = place(storefront, placedAt, error);
            Instant sendAt = order.updatedAt().plusSeconds(storefront.channel() == SalesChannel.SHOPIFY
                    ? 1 + random.nextInt(3) : 60 + random.nextInt(240));
            if (fate == Fate.MALFORMED) {
                scheduled.add(malformed(order, sendAt));
                continue;
            }
            scheduled.add(schedule(order, "orders/create", sendAt, fate));
            if (fate == Fate.VALID) {
                placedValidKeys.add(order.key().value());
                if (storefront.channel() == SalesChannel.SHOPIFY) {
                    shopifyOrders.put(scheduled.size() - 1, order);
                }
            }
        }
        addUpdates(scheduled, shopifyOrders);
        addRedeliveries(scheduled);
        scheduled.sort(Comparator.comparing(Scheduled::sendAt).thenComparingLong(Scheduled::sequence));
        return expectations(scheduled);
    }

    List<ExpectedErpDocument> expectedErpDocuments(List<Delivery> deliveries) {
        return DemoFeed.latestVersions(deliveries, placedValidKeys);
    }

    /** Exactly the asked shares of malformed and non-reconciling orders, spread at random among the valid ones. */
    private List<Fate> fates() {
        int orders = options.orders();
        int malformed = (int) Math.round(orders * options.malformedRate());
        int nonReconciling = Math.min(orders - malformed, (int) Math.round(orders * options.nonReconcilingRate()));
        List<Fate> fates = new ArrayList<>(orders);
        fates.addAll(Collections.nCopies(malformed, Fate.MALFORMED));
        fates.addAll(Collections.nCopies(nonReconciling, Fate.NON_RECONCILING));
        fates.addAll(Collections.nCopies(orders - malformed - nonReconciling, Fate.VALID));
        Collections.shuffle(fates, random);
        return fates;
    }

    /**
     * The share of valid Shopify orders that change after they were placed get an {@code orders/updated} version;
     * for every second one Shopify's first {@code orders/create} attempt failed and its retry arrives after the
     * update.
     */
    private void addUpdates(List<Scheduled> scheduled, Map<Integer, PlacedOrder> shopifyOrders) {
        List<Integer> candidates = new ArrayList<>(shopifyOrders.keySet());
        Collections.shuffle(candidates, random);
        int updated = (int) Math.round(candidates.size() * options.outOfOrderRate());
        for (int i = 0; i < updated; i++) {
            int index = candidates.get(i);
            PlacedOrder order = shopifyOrders.get(index);
            Instant changedAt = order.updatedAt().plusSeconds(15 * 60 + random.nextInt(225 * 60));
            int line = random.nextInt(order.lines().size());
            int quantity = order.lines().get(line).quantity();
            int fulfilled = order.lines().size() > 1 && random.nextBoolean() ? 1 : 0;
            PlacedOrder revision = order.revised(changedAt, line, quantity > 1 ? quantity - 1 : quantity + 1,
                    fulfilled);
            Scheduled update = schedule(revision, "orders/updated", changedAt.plusSeconds(1 + random.nextInt(5)),
                    Fate.VALID);
            scheduled.add(update);
            if (i % 2 == 0) {
                Scheduled create = scheduled.get(index);
                scheduled.set(index, create.at(update.sendAt().plusSeconds(5 + random.nextInt(115)), sequence++));
            }
        }
    }

    /** The asked share of valid deliveries arrives again, 1–2 more times, up to half an hour later. */
    private void addRedeliveries(List<Scheduled> scheduled) {
        List<Scheduled> valid = new ArrayList<>();
        for (Scheduled delivery : scheduled) {
            if (delivery.fate() == Fate.VALID) {
                valid.add(delivery);
            }
        }
        Collections.shuffle(valid, random);
        int repeated = (int) Math.round(valid.size() * options.duplicateRate());
        for (int i = 0; i < repeated; i++) {
            Scheduled original = valid.get(i);
            int copies = 1 + random.nextInt(2);
            for (int copy = 0; copy < copies; copy++) {
                scheduled.add(original.at(original.sendAt().plusSeconds(1 + random.nextInt(1800)), sequence++));
            }
        }
    }

    /**
     * Walks the feed in delivery order as dedupe would: the same bytes again are a duplicate; otherwise the first
     * version of an order is new, a later one an update, an earlier one stale.
     */
    private static List<Delivery> expectations(List<Scheduled> scheduled) {
        Set<Long> seenPayloads = new HashSet<>();
        Map<String, Instant> newest = new HashMap<>();
        List<Delivery> deliveries = new ArrayList<>(scheduled.size());
        for (Scheduled delivery : scheduled) {
            Expectation expectation;
            switch (delivery.fate()) {
                case MALFORMED:
                    expectation = Expectation.MALFORMED;
                    break;
                case NON_RECONCILING:
                    expectation = Expectation.NON_RECONCILING;
                    break;
                default:
                    Instant held = newest.get(delivery.orderKey());
                    if (!seenPayloads.add(delivery.payload())) {
                        expectation = Expectation.DUPLICATE;
                    } else if (held == null) {
                        expectation = Expectation.ACCEPTED_NEW_ORDER;
                    } else if (delivery.version().isAfter(held)) {
                        expectation = Expectation.UPDATE;
                    } else {
                        expectation = Expectation.STALE_VERSION;
                    }
                    if (held == null || delivery.version().isAfter(held)) {
                        newest.put(delivery.orderKey(), delivery.version());
                    }
            }
            deliveries.add(new Delivery(delivery.channel(), "/v1/orders/" + delivery.channel().id(),
                    delivery.headers(), delivery.body(), expectation, delivery.orderKey(), delivery.version()));
        }
        return deliveries;
    }

    private Scheduled schedule(PlacedOrder order, String topic, Instant sendAt, Fate fate) {
        byte[] body = bytes(body(order));
        long id = sequence++;
        return new Scheduled(sendAt, id, id, fate, order.storefront().channel(), headers(order, topic, body), body,
                order.key().value(), order.updatedAt());
    }

    /** Half broken off mid-body (a truncated upload), half without the order id ingest keys on. */
    private Scheduled malformed(PlacedOrder order, Instant sendAt) {
        ObjectNode body = body(order);
        byte[] bytes;
        if (random.nextBoolean()) {
            switch (order.storefront().channel()) {
                case SHOPIFY:
                    body.remove("id");
                    break;
                case AMAZON:
                    ((ObjectNode) body.get("order")).remove("AmazonOrderId");
                    break;
                default:
                    body.remove("orderId");
            }
            bytes = bytes(body);
        } else {
            byte[] whole = bytes(body);
            // Any proper prefix of one JSON object is not JSON.
            bytes = Arrays.copyOf(whole, whole.length / 5 + random.nextInt(whole.length * 3 / 5));
        }
        long id = sequence++;
        return new Scheduled(sendAt, id, id, Fate.MALFORMED, order.storefront().channel(),
                headers(order, "orders/create", bytes), bytes, null, null);
    }

    private ObjectNode body(PlacedOrder order) {
        switch (order.storefront().channel()) {
            case SHOPIFY:
                return shopify.body(order);
            case AMAZON:
                return amazon.body(order);
            default:
                return ebay.body(order);
        }
    }

    private Map<String, String> headers(PlacedOrder order, String topic, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (order.storefront().channel() != SalesChannel.SHOPIFY) {
            headers.put("User-Agent", "commerce-sync-" + order.storefront().channel().id() + "-poller");
            return headers;
        }
        headers.put("User-Agent", "Shopify-Captain-Hook");
        headers.put(ShopifyHmac.TOPIC, topic);
        if (hmac != null) {
            headers.put(ShopifyHmac.HMAC, hmac.sign(body));
        }
        headers.put(ShopifyHmac.SHOP_DOMAIN, order.storefront().id());
        headers.put("X-Shopify-API-Version", SHOPIFY_API_VERSION);
        headers.put(ShopifyHmac.WEBHOOK_ID, uuid());
        headers.put("X-Shopify-Triggered-At", order.updatedAt().toString());
        return headers;
    }

    private PlacedOrder place(Storefront storefront, Instant placedAt, BigDecimal statedTotalError) {
        SalesChannel channel = storefront.channel();
        Destination destination = storefront.destinations().get(random.nextInt(storefront.destinations().size()));
        DemoBuyer buyer = DemoBuyer.draw(random, ++placed);
        List<PlacedOrder.PlacedLine> lines = lines(channel);
        Storefront.ShippingOption shipping = storefront.shipping().get(random.nextInt(storefront.shipping().size()));
        if (storefront == Storefront.AMAZON_US && random.nextInt(10) < 3) {
            shipping = new Storefront.ShippingOption(shipping.title(), shipping.code(), "0.00"); // Prime
        }
        String presentment = null;
        BigDecimal rate = null;
        if (channel == SalesChannel.SHOPIFY && destination == Destination.CA_ON) {
            presentment = "CAD";
            rate = new BigDecimal("1.3600").add(BigDecimal.valueOf(random.nextInt(500), 4));
        }
        Instant updatedAt;
        int fulfilled = 0;
        switch (channel) {
            case SHOPIFY:
                updatedAt = placedAt.plusSeconds(1 + random.nextInt(4)); // payment captured
                break;
            case AMAZON:
                if (random.nextInt(5) == 0) {
                    fulfilled = lines.size(); // polled only after it shipped
                    updatedAt = placedAt.plus(Duration.ofHours(18)).plusSeconds(random.nextInt(12 * 3600));
                } else {
                    updatedAt = placedAt.plusSeconds(5 * 60 + random.nextInt(35 * 60)); // Pending → Unshipped
                }
                break;
            default:
                updatedAt = placedAt.plusSeconds(60 + random.nextInt(120));
        }
        String orderId = orderId(storefront);
        long number = orderNumbers.merge(storefront, 1L, Long::sum)
                + (channel == SalesChannel.EBAY ? 2000 : 1000);
        PlacedOrder draft = new PlacedOrder(storefront, orderId, number, placedAt, updatedAt, buyer, destination,
                presentment, rate, lines, shipping, Promotion.NONE, fulfilled, statedTotalError, tokens());
        return new PlacedOrder(storefront, orderId, number, placedAt, updatedAt, buyer, destination, presentment,
                rate, lines, shipping, promotion(draft), fulfilled, statedTotalError, draft.tokens());
    }

    private List<PlacedOrder.PlacedLine> lines(SalesChannel channel) {
        int draw = random.nextInt(10);
        int count = draw < 4 ? 1 : draw < 7 ? 2 : draw < 9 ? 3 : 4;
        List<Product> range = new ArrayList<>(Product.RANGE);
        Collections.shuffle(range, random);
        List<PlacedOrder.PlacedLine> lines = new ArrayList<>(count);
        Set<String> lineIds = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int quantityDraw = random.nextInt(10);
            int quantity = quantityDraw < 7 ? 1 : quantityDraw < 9 ? 2 : 3;
            String lineId;
            do {
                lineId = lineId(channel);
            } while (!lineIds.add(lineId));
            lines.add(new PlacedOrder.PlacedLine(lineId, range.get(i), quantity));
        }
        return lines;
    }

    private Promotion promotion(PlacedOrder order) {
        int draw = random.nextInt(100);
        SalesChannel channel = order.storefront().channel();
        String marketplace = order.storefront().id();
        if (draw < 55) {
            return Promotion.NONE;
        }
        if (draw < 75) {
            int percent = random.nextBoolean() ? 10 : 15;
            String code = channel == SalesChannel.SHOPIFY ? (percent == 10 ? "WELCOME10" : "AUTUMN15")
                    : channel == SalesChannel.AMAZON ? marketplace.substring(0, 4) + "-SAVE" + percent + "-"
                    + token(6) : Long.toString(5_100_000_000L + random.nextInt(900_000_000));
            return new Promotion(Promotion.Kind.PERCENT_OFF_ORDER, code, percent + "% off your order",
                    BigDecimal.valueOf(percent));
        }
        if (draw < 90) {
            BigDecimal amount = new BigDecimal(order.currency().equals("GBP") ? "4.00" : "5.00");
            if (order.gross(0).compareTo(amount.add(amount)) < 0) {
                return Promotion.NONE;
            }
            String code = channel == SalesChannel.SHOPIFY ? "TAKE" + amount.intValue()
                    : channel == SalesChannel.AMAZON ? marketplace.substring(0, 4) + "-COUPON-" + token(6)
                    : Long.toString(5_100_000_000L + random.nextInt(900_000_000));
            return new Promotion(Promotion.Kind.AMOUNT_OFF_FIRST_LINE, code, amount.toPlainString() + " off "
                    + order.lines().get(0).product().title(), amount);
        }
        if (order.shippingPrice().signum() == 0) {
            return Promotion.NONE;
        }
        String code = channel == SalesChannel.SHOPIFY ? "FREESHIP"
                : channel == SalesChannel.AMAZON ? "Core Free Shipping " + marketplace
                : Long.toString(5_100_000_000L + random.nextInt(900_000_000));
        return new Promotion(Promotion.Kind.FREE_SHIPPING, code, "Free shipping", BigDecimal.ZERO);
    }

    private Storefront storefront() {
        int total = Arrays.stream(Storefront.values()).mapToInt(Storefront::weight).sum();
        int draw = random.nextInt(total);
        for (Storefront storefront : Storefront.values()) {
            draw -= storefront.weight();
            if (draw < 0) {
                return storefront;
            }
        }
        throw new IllegalStateException("storefront weights do not add up");
    }

    /** A grand total off by a few cents or a few units, up or down. */
    private BigDecimal statedTotalError() {
        BigDecimal error = new BigDecimal(STATED_TOTAL_ERRORS.get(random.nextInt(STATED_TOTAL_ERRORS.size())));
        return random.nextBoolean() ? error : error.negate();
    }

    /** Ids in each channel's own format, unique within the feed. */
    private String orderId(Storefront storefront) {
        SalesChannel channel = storefront.channel();
        String id;
        do {
            switch (channel) {
                case SHOPIFY:
                    id = "58" + digits(11);
                    break;
                case AMAZON:
                    String region = storefront == Storefront.AMAZON_US ? "11" + (1 + random.nextInt(4))
                            : storefront == Storefront.AMAZON_DE ? "30" + (2 + random.nextInt(5))
                            : "20" + (2 + random.nextInt(5));
                    id = region + "-" + digits(7) + "-" + digits(7);
                    break;
                default:
                    id = digits(2) + "-" + digits(5) + "-" + digits(5);
            }
        } while (!orderIds.get(channel).add(id));
        return id;
    }

    private String lineId(SalesChannel channel) {
        switch (channel) {
            case SHOPIFY:
                return "14" + digits(12);
            case AMAZON:
                return digits(14);
            default:
                return "100" + digits(11);
        }
    }

    private PlacedOrder.OrderTokens tokens() {
        return new PlacedOrder.OrderTokens(hex(32), token(24).toLowerCase(Locale.ROOT), token(9),
                36_000_000_000_000L + random.nextInt(1_000_000_000), 4_700_000_000_000L + random.nextInt(1_000_000_000),
                "203.0.113." + (1 + random.nextInt(254)), digits(12) + "-" + digits(13), token(12));
    }

    /** A version 4 UUID drawn from the feed's random, as Shopify's webhook ids are. */
    private String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        digits.append(1 + random.nextInt(9));
        for (int i = 1; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private String hex(int count) {
        StringBuilder hex = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private String token(int count) {
        StringBuilder token = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            token.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        }
        return token.toString();
    }

    private byte[] bytes(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a demo order body", e);
        }
    }
}
