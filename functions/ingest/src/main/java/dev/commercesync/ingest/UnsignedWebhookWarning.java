package dev.commercesync.ingest;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Says once per container, at startup, that Shopify webhooks are taken unverified because no secret is set. */
@Dependent
public class UnsignedWebhookWarning {

    private static final Logger LOG = Logger.getLogger(UnsignedWebhookWarning.class);

    void onStart(@Observes StartupEvent started, IngestConfig config) {
        if (config.shopifyWebhookSecret().filter(secret -> !secret.isEmpty()).isEmpty()) {
            LOG.warn("commerce.ingest.shopify-webhook-secret (SHOPIFY_WEBHOOK_SECRET) is not set: Shopify webhooks are"
                    + " accepted WITHOUT signature verification and marked so on the order timeline. Dev stacks only.");
        }
    }
}
