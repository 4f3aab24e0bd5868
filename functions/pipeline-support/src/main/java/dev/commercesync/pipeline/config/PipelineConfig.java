package dev.commercesync.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Configuration shared by the functions. Each function's {@code application.properties} points these at the
 * environment variables {@code infra/template.yaml} gives it; a function leaves unset what it does not use, and the
 * component that needs a missing value says which variable to set.
 */
@ConfigMapping(prefix = "commerce")
public interface PipelineConfig {

    Queues queues();

    Tables tables();

    Idempotency idempotency();

    Batch batch();

    interface Batch {
        /**
         * Stop starting records when the invocation has less than this left; the rest go back to the queue.
         * Longer than the slowest single record (post-to-erp: the ERP call's timeout and retries).
         */
        @WithDefault("15s")
        Duration stopBeforeTimeout();
    }

    interface Queues {
        /** URL of the intake queue (ingest → map). Env {@code INTAKE_QUEUE_URL}. */
        Optional<String> intake();

        /** URL of the canonical order queue (map → dedupe). Env {@code CANONICAL_QUEUE_URL}. */
        Optional<String> canonical();

        /** URL of the FIFO ERP posting queue (dedupe → post-to-erp). Env {@code POSTING_QUEUE_URL}. */
        Optional<String> posting();

        /**
         * URL of the FIFO inventory queue (stock figures and listing changes from ingest, holds from dedupe →
         * publish-inventory), grouped per SKU. Env {@code INVENTORY_QUEUE_URL}.
         */
        Optional<String> inventory();
    }

    interface Tables {
        /** Order-state table name. Env {@code ORDER_STATE_TABLE}. */
        Optional<String> orderState();

        /** Idempotency-key table name. Env {@code IDEMPOTENCY_TABLE}. */
        Optional<String> idempotency();

        /** Channel-listing table name (a SKU's listings per channel account). Env {@code LISTING_TABLE}. */
        Optional<String> listing();

        /** Operator audit table name (who re-queued or retried what, and why). Env {@code OPERATOR_AUDIT_TABLE}. */
        Optional<String> operatorAudit();
    }

    interface Idempotency {
        /**
         * How long an idempotency key is kept. Longer than the longest a channel may redeliver an old event
         * (Shopify retries for 48 h; SQS keeps a message at most 14 days), so 35 days by default.
         */
        @WithDefault("35d")
        Duration ttl();
    }

    static String require(Optional<String> value, String envVar) {
        return value.filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException("configuration missing: set " + envVar));
    }
}
