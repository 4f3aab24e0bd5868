package dev.commercesync.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Configuration of order intake; queue and table names come from {@code PipelineConfig}. */
@ConfigMapping(prefix = "commerce.ingest")
public interface IngestConfig {

    /**
     * The Shopify app's webhook signing secret; {@code X-Shopify-Hmac-Sha256} is checked against it. Env
     * {@code SHOPIFY_WEBHOOK_SECRET}, which the template resolves from Secrets Manager. Unset or empty: Shopify
     * webhooks are accepted unverified, the order's timeline says so and a warning is logged at startup — for
     * dev stacks only.
     */
    Optional<String> shopifyWebhookSecret();

    /**
     * The largest message the intake queue takes, in bytes (the queue's {@code MaximumMessageSize}). Ingest answers
     * 413 for an order whose envelope would not fit, instead of failing on SendMessage. Env {@code MAX_MESSAGE_BYTES}.
     */
    @WithDefault("262144")
    int maxMessageBytes();
}
