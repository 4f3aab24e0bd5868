package dev.commercesync.pipeline.metrics;

import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * The business metrics of the pipeline, in namespace {@value BusinessMetrics#NAMESPACE}. The names are a contract: the
 * template's alarms and dashboards refer to them. Each metric has one {@link Shape}, and {@link BusinessMetrics} only
 * lets it be put with the dimensions of that shape, so an alarm on the aggregate always finds all of it.
 */
public enum Metric {
    /** ingest: one per delivery the intake queue took (HTTP 202). */
    ORDERS_RECEIVED("OrdersReceived", Unit.COUNT, Shape.PER_CHANNEL),
    /** dedupe: one per new order version accepted and forwarded to the ERP queue. */
    ORDERS_ACCEPTED("OrdersAccepted", Unit.COUNT, Shape.PER_CHANNEL),
    /** dedupe: one per event seen before with the same content. */
    DUPLICATES_SUPPRESSED("DuplicatesSuppressed", Unit.COUNT, Shape.PER_CHANNEL),
    /** post-to-erp: one per order version the ERP now holds and the order state records as POSTED. */
    ORDERS_POSTED("OrdersPosted", Unit.COUNT, Shape.PER_CHANNEL),
    /** map, dedupe, post-to-erp: one per business exception recorded on an order. */
    BUSINESS_EXCEPTIONS("BusinessExceptions", Unit.COUNT, Shape.PER_CHANNEL_AND_EXCEPTION_TYPE),
    /** post-to-erp: one per ERP call (in-process retries of that call included), by the order's channel. */
    ERP_LATENCY("ErpLatency", Unit.MILLISECONDS, Shape.PER_CHANNEL),
    /** post-to-erp: from the accepted version's intake (RECEIVED) to POSTED. */
    ORDER_TO_ERP_LATENCY("OrderToErpLatency", Unit.MILLISECONDS, Shape.PER_CHANNEL),
    /** publish-inventory: from the stock figure's arrival to the channel confirming the quantity. */
    INVENTORY_PUBLISH_LAG("InventoryPublishLag", Unit.MILLISECONDS, Shape.PER_CHANNEL),
    /** publish-inventory: one per listing update the channel (or our pacing of it) throttled. */
    CHANNEL_THROTTLES("ChannelThrottles", Unit.COUNT, Shape.PER_CHANNEL),
    /** Drift repair: listings found out of sync per run, 0 included. */
    INVENTORY_DRIFT("InventoryDrift", Unit.COUNT, Shape.PER_CHANNEL),
    /** post-to-erp: one per transition of an ERP circuit breaker, by the state it entered. */
    ERP_CIRCUIT_STATE_CHANGES("ErpCircuitStateChanges", Unit.COUNT, Shape.PER_STATE),
    /** Watchdog: orders stuck in a state longer than allowed, per run (a gauge). */
    ORDERS_STUCK("OrdersStuck", Unit.COUNT, Shape.STUCK_GAUGE),
    /** Watchdog: age of the oldest stuck order, 0 when none (a gauge). */
    OLDEST_STUCK_AGE_SECONDS("OldestStuckAgeSeconds", Unit.SECONDS, Shape.STUCK_GAUGE);

    /** The dimension sets a metric is put with. */
    public enum Shape {
        /** {Channel} and {} (the aggregate the alarms use). */
        PER_CHANNEL,
        /** {Channel, ExceptionType} and {}. */
        PER_CHANNEL_AND_EXCEPTION_TYPE,
        /** {State} and {}. */
        PER_STATE,
        /**
         * {State} per state and {} for all states, each written as its own document: a gauge's aggregate is its own
         * value (the total, the oldest), not the sum of the per-state values.
         */
        STUCK_GAUGE
    }

    private final String metricName;
    private final Unit unit;
    private final Shape shape;

    Metric(String metricName, Unit unit, Shape shape) {
        this.metricName = metricName;
        this.unit = unit;
        this.shape = shape;
    }

    /** The CloudWatch metric name. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    public Shape shape() {
        return shape;
    }
}
