package dev.commercesync.inventory;

import dev.commercesync.model.order.SalesChannel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** publish-inventory's own settings; shared ones (order-state table, batch deadline) are in PipelineConfig. */
@ConfigMapping(prefix = "commerce.inventory")
public interface InventoryConfig {

    /** Inventory table (stock figures, holds, listing targets). Env {@code INVENTORY_TABLE}. */
    Optional<String> table();

    /** Shopify's channel queue (FIFO). Env {@code SHOPIFY_QUEUE_URL}. */
    Optional<String> shopifyQueue();

    /** Amazon's channel queue (FIFO). Env {@code AMAZON_QUEUE_URL}. */
    Optional<String> amazonQueue();

    /** eBay's channel queue (FIFO). Env {@code EBAY_QUEUE_URL}. */
    Optional<String> ebayQueue();

    /**
     * How much later than the ERP's confirmation of an order a stock figure must be before it is taken to reflect
     * the order, for clock differences between the ERP and AWS. Larger is safer (the hold stays longer).
     */
    @WithDefault("2s")
    Duration holdReleaseMargin();

    /** How long a channel update waits when the channel is unavailable (5xx, timeout) before it is tried again. */
    @WithDefault("15s")
    Duration unavailableRetryDelay();

    /** Publish lags kept per listing, newest last, for operators and the local demo's percentiles. */
    @WithDefault("20")
    int recentLagsKept();

    default String requireTable() {
        return table().filter(t -> !t.isBlank())
                .orElseThrow(() -> new IllegalStateException("configuration missing: set INVENTORY_TABLE"));
    }

    default String queueOf(SalesChannel channel) {
        Optional<String> url = switch (channel) {
            case SHOPIFY -> shopifyQueue();
            case AMAZON -> amazonQueue();
            case EBAY -> ebayQueue();
        };
        return url.filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalStateException(
                "configuration missing: set " + channel.id().toUpperCase(java.util.Locale.ROOT) + "_QUEUE_URL"));
    }

    /** The channel whose queue has this name, if any. */
    default Optional<SalesChannel> channelOfQueue(String queueName) {
        for (SalesChannel channel : SalesChannel.values()) {
            Optional<String> url = switch (channel) {
                case SHOPIFY -> shopifyQueue();
                case AMAZON -> amazonQueue();
                case EBAY -> ebayQueue();
            };
            if (url.isPresent() && url.get().endsWith("/" + queueName)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
