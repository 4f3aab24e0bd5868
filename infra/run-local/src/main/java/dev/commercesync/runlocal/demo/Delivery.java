package dev.commercesync.runlocal.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import dev.commercesync.model.order.SalesChannel;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP delivery of an order to ingest, as a marketplace webhook (Shopify) or our own poller (Amazon, eBay) makes
 * it: {@code POST <ingest base URL><path>} with these headers and exactly these body bytes.
 *
 * @param path          {@code /v1/orders/<channel>}
 * @param headers       request headers in the order they are sent, {@code Content-Type} first
 * @param body          the body bytes; a copy is kept and handed out, so a delivery never changes
 * @param expectation   what the pipeline should make of it
 * @param orderKey      the order key the pipeline files it under ({@code shopify:5823416025378}); null for a
 *                      MALFORMED delivery, which never gets one
 * @param sourceVersion the channel's version of the order it carries; null for a MALFORMED delivery
 */
public record Delivery(SalesChannel channel, String path, Map<String, String> headers, byte[] body,
                       Expectation expectation, String orderKey, Instant sourceVersion) {

    public Delivery {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expectation, "expectation");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The request that makes this delivery to the API at {@code apiBase}: this path, these headers (less those the
     * HTTP client sets itself) and exactly these body bytes.
     */
    public HttpRequest request(URI apiBase) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + path))
                .timeout(Duration.ofSeconds(35))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        return request.build();
    }

    /** The Shopify webhook id ({@code X-Shopify-Webhook-Id}), null for other channels. */
    public String webhookId() {
        return headers.get(ShopifyHmac.WEBHOOK_ID);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Delivery that
                && channel == that.channel
                && path.equals(that.path)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body)
                && expectation == that.expectation
                && Objects.equals(orderKey, that.orderKey)
                && Objects.equals(sourceVersion, that.sourceVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, path, headers, Arrays.hashCode(body), expectation, orderKey, sourceVersion);
    }

    /** Without the body: it holds buyer data, and a log line needs only its size. */
    @Override
    public String toString() {
        return "Delivery[" + channel.id() + " " + path + ", " + expectation + ", order " + orderKey + " @ "
                + sourceVersion + ", " + body.length + " bytes" + (webhookId() == null ? "" : ", webhook "
                + webhookId()) + "]";
    }
}
