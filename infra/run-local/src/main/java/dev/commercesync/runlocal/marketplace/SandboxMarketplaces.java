package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.commercesync.model.order.SalesChannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory Shopify, Amazon and eBay speaking the inventory APIs of the marketplace wire contract
 * ({@code functions/publish-inventory/CHANNEL-WIRE-CONTRACT.md}) on 127.0.0.1, for {@code ./run-local} and tests.
 * Point the publisher at {@link #shopifyGraphqlEndpoint()}, {@link #amazonEndpoint()},
 * {@link #amazonLwaEndpoint()}, {@link #ebayEndpoint()} and give it {@link #credentialsJson()} as
 * {@code MARKETPLACE_CREDENTIALS}.
 * <p>
 * What each channel holds to is described on {@link ShopifyAdminGraphql}, {@link AmazonListingsItems} and
 * {@link EbaySellInventory}. A channel knows only the listings seeded into it ({@code seed...} or
 * {@code POST /sandbox/marketplaces/{channel}/listings}): as on the real channels, the retailer lists first and the
 * publisher only sets quantities. What it does wrong on purpose: {@link #setFault}. What it was asked and shows:
 * {@link #stats}, {@link #quantity}, and the same under {@code /sandbox/marketplaces/} ({@link MarketplaceAdminApi}).
 */
public final class SandboxMarketplaces implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SandboxMarketplaces.class.getName());

    /** Far above any inventory call; a bigger body is a caller's bug, refused before it is parsed. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int BACKLOG = 50;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService workers;
    private final ObjectMapper json;
    private final ShopifyAdminGraphql shopify;
    private final AmazonListingsItems amazon;
    private final EbaySellInventory ebay;
    private final Map<SalesChannel, SandboxChannel> channels;
    private final ChannelFaults faults;
    private final MarketplaceAdminApi admin;

    private SandboxMarketplaces(SandboxMarketplacesConfig config, Clock clock) throws IOException {
        this.json = new ObjectMapper();
        this.shopify = new ShopifyAdminGraphql(json, config.shopify(), clock);
        this.amazon = new AmazonListingsItems(json, config.amazon(), clock);
        this.ebay = new EbaySellInventory(json, config.ebay(), clock);
        Map<SalesChannel, SandboxChannel> all = new EnumMap<>(SalesChannel.class);
        all.put(SalesChannel.SHOPIFY, shopify);
        all.put(SalesChannel.AMAZON, amazon);
        all.put(SalesChannel.EBAY, ebay);
        this.channels = Collections.unmodifiableMap(all);
        this.faults = new ChannelFaults(clock);
        this.admin = new MarketplaceAdminApi(json, channels, faults, this);
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        this.server = HttpServer.create(new InetSocketAddress(loopback, config.port()), BACKLOG);
        this.workers = Executors.newFixedThreadPool(config.threads(), new WorkerThreads());
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts the sandbox marketplaces; they serve until {@link #close()}. */
    public static SandboxMarketplaces start(SandboxMarketplacesConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** @param clock the sandbox's time: cost buckets, rate limits, token expiry, fault windows */
    public static SandboxMarketplaces start(SandboxMarketplacesConfig config, Clock clock) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        // As in SandboxErp: without TCP_NODELAY each response body waits for the caller's delayed ACK (~40 ms).
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        SandboxMarketplaces marketplaces = new SandboxMarketplaces(config, clock);
        marketplaces.server.start();
        LOG.log(System.Logger.Level.INFO, "sandbox marketplaces listening on " + marketplaces.baseUrl());
        return marketplaces;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The Shopify endpoint template, {@code {shop}} left for the adapter to replace with the listing's account. */
    public String shopifyGraphqlEndpoint() {
        return baseUrl() + "/shopify/{shop}" + ShopifyAdminGraphql.API_PATH;
    }

    /** The Selling Partner API base. */
    public String amazonEndpoint() {
        return baseUrl() + "/amazon";
    }

    /** The Login with Amazon base ({@code /auth/o2/token} below it). */
    public String amazonLwaEndpoint() {
        return baseUrl() + "/amazon";
    }

    /** The eBay API base (Sell Inventory and OAuth token below it). */
    public String ebayEndpoint() {
        return baseUrl() + "/ebay";
    }

    /**
     * The {@code MARKETPLACE_CREDENTIALS} document with valid credentials for every account seeded so far:
     * {@code {"shopify": {shop: {accessToken}}, "amazon": {sellerId: {clientId, clientSecret, refreshToken}},
     * "ebay": {account: {clientId, clientSecret, refreshToken}}}}. Seed first, then hand it out.
     */
    public String credentialsJson() {
        try {
            return json.writeValueAsString(credentials());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the credentials document", e);
        }
    }

    ObjectNode credentials() {
        ObjectNode document = json.createObjectNode();
        channels.forEach((channel, sandbox) -> document.set(channel.id(), sandbox.credentials()));
        return document;
    }

    /**
     * A Shopify inventory item with its SKU, stocked at a location with {@code available} units. Seeding the same
     * item and location again sets the quantity; an item keeps one SKU.
     *
     * @param shop the shop domain, e.g. {@code acme.myshopify.com} (the listing's account)
     */
    public void seedShopifyItem(String shop, String sku, String inventoryItemGid, String locationGid, long available) {
        shopify.seed(shop, sku, inventoryItemGid, locationGid, available);
    }

    /** An Amazon listing of {@code sellerId} for {@code sku} on those marketplaces; seeding again replaces it. */
    public void seedAmazonListing(String sellerId, String sku, List<String> marketplaceIds, long quantity) {
        amazon.seed(sellerId, sku, marketplaceIds, quantity);
    }

    /**
     * An eBay inventory item of {@code account} with ship-to-home {@code quantity} and published offers, each
     * available in that quantity too; seeding again replaces it. An offer id belongs to one SKU.
     */
    public void seedEbayItem(String account, String sku, List<String> offerIds, long quantity) {
        ebay.seed(account, sku, offerIds, quantity);
    }

    /**
     * What the channel shows for {@code sku}: Shopify's available quantity, Amazon's fulfillment availability,
     * eBay's ship-to-home quantity; summed when several accounts (or Shopify locations) list it.
     */
    public OptionalLong quantity(SalesChannel channel, String sku) {
        return quantity(channel, sku, null, null);
    }

    /**
     * @param account    only this shop, seller id or eBay account; null for all
     * @param locationId only this Shopify location gid; null for all (ignored by Amazon and eBay)
     */
    public OptionalLong quantity(SalesChannel channel, String sku, String account, String locationId) {
        return channel(channel).quantity(Objects.requireNonNull(sku, "sku"), account, locationId);
    }

    /** The available quantity of one eBay offer of {@code account}. */
    public OptionalLong ebayOfferQuantity(String account, String offerId) {
        return ebay.offerQuantity(account, offerId);
    }

    public MarketplaceStats stats(SalesChannel channel) {
        return channel(channel).counters().snapshot();
    }

    /** Every channel's stats. */
    public Map<SalesChannel, MarketplaceStats> stats() {
        Map<SalesChannel, MarketplaceStats> all = new EnumMap<>(SalesChannel.class);
        channels.forEach((channel, sandbox) -> all.put(channel, sandbox.counters().snapshot()));
        return Collections.unmodifiableMap(all);
    }

    /** Sets the channel's fault until changed; calls already being answered finish under the old one. */
    public void setFault(SalesChannel channel, MarketplaceFault fault) {
        faults.set(Objects.requireNonNull(channel, "channel"), fault, null);
    }

    /** Sets the channel's fault for {@code lasting} on the sandbox clock; then the channel behaves again. */
    public void setFault(SalesChannel channel, MarketplaceFault fault, Duration lasting) {
        faults.set(Objects.requireNonNull(channel, "channel"), fault, Objects.requireNonNull(lasting, "lasting"));
    }

    public MarketplaceFault fault(SalesChannel channel) {
        return faults.current(Objects.requireNonNull(channel, "channel")).mode();
    }

    /** Stops listening at once; callers then get connection refused. */
    @Override
    public void close() {
        int port = port();
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.DEBUG, "sandbox marketplaces on port " + port + " stopped");
    }

    private SandboxChannel channel(SalesChannel channel) {
        return channels.get(Objects.requireNonNull(channel, "channel"));
    }

    private void handle(HttpExchange exchange) {
        try {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "sandbox marketplaces failed on " + exchange.getRequestMethod()
                        + " " + exchange.getRequestURI(), e);
                answer = Answer.problem(json, 500, "internal-error", "Sandbox marketplaces failure", e.toString());
            }
            send(exchange, answer);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "caller went away: " + e);
        } finally {
            exchange.close();
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Answer.problem(json, 413, "too-large", "Body too large", "at most " + MAX_BODY_BYTES + " bytes");
        }
        Call call = new Call(exchange.getRequestMethod(), rawPath, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders()::getFirst, body);
        if (MarketplaceAdminApi.serves(rawPath)) {
            return admin.handle(call);
        }
        for (SandboxChannel sandbox : channels.values()) {
            if (rawPath.startsWith(sandbox.prefix() + "/")) {
                return channelAnswer(sandbox, call);
            }
        }
        return Answer.problem(json, 404, "not-found", "Not found", "no resource " + rawPath
                + "; the sandbox serves /shopify/..., /amazon/..., /ebay/... and /sandbox/marketplaces/...");
    }

    private Answer channelAnswer(SandboxChannel sandbox, Call call) {
        ChannelCounters counters = sandbox.counters();
        counters.calls.increment();
        MarketplaceFault fault = faults.current(sandbox.channel()).mode();
        if (fault == MarketplaceFault.OUTAGE) {
            counters.failed.increment();
            return sandbox.outage();
        }
        if (fault == MarketplaceFault.THROTTLE_STORM && !sandbox.isTokenCall(call)) {
            counters.throttled.increment();
            return sandbox.throttleStorm(call);
        }
        Answer answer = sandbox.handle(call);
        // Channels count the refusals they answer with 200 themselves; HTTP-level ones are counted here.
        if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 429) {
            counters.rejected.increment();
        }
        return answer;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        answer.headers().forEach(headers::set);
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** @return the body, or null when it is longer than {@link #MAX_BODY_BYTES} */
    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    /** Daemon threads, so a forgotten sandbox never keeps a JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "sandbox-marketplaces-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
