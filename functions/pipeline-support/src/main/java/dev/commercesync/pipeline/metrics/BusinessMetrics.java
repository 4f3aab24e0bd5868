package dev.commercesync.pipeline.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pipeline's business metrics, written as CloudWatch Embedded Metric Format documents (aws-embedded-metrics'
 * model and serializer) to an {@link EmfSink}, standard output in the functions.
 * <p>
 * Values are collected during an invocation and written by {@link #flush()} at its end: one document per set of
 * dimension values (e.g. one per channel for a batch of postings, each metric with all of the batch's values), not
 * one per record. Handlers wrap their work in {@link #flushAfter}.
 * <p>
 * Only the library's model is used, never its {@code MetricsLogger}: that resolves an "environment" by probing
 * (EC2 instance metadata at 169.254.169.254, the CloudWatch agent at 127.0.0.1:25888) unless configured otherwise,
 * and none of that code is reachable from here, so no configuration or environment variable can make it run, in
 * Lambda, in the local stack or in tests. A native image does not even contain it.
 * <p>
 * Metrics never fail the business: a value the format cannot carry is logged and dropped. Putting a metric with
 * dimensions its {@link Metric.Shape} does not have is a programming error and throws.
 */
@ApplicationScoped
public class BusinessMetrics {

    public static final String NAMESPACE = "CommerceSync";
    public static final String CHANNEL = "Channel";
    public static final String EXCEPTION_TYPE = "ExceptionType";
    public static final String STATE = "State";
    /** A dimension value the format would refuse (missing, blank) is reported under this one. */
    static final String UNKNOWN = "unknown";
    /** CloudWatch refuses longer dimension values. */
    private static final int MAX_DIMENSION_VALUE = 1024;

    private static final Logger LOG = Logger.getLogger(BusinessMetrics.class);

    private final EmfSink sink;
    private final Clock clock;
    /** Dimension sets with their values (insertion ordered) → the document collecting their metrics. */
    private final Map<List<Map<String, String>>, MetricsContext> pending = new LinkedHashMap<>();

    @Inject
    public BusinessMetrics() {
        this(EmfSink.standardOutput(), Clock.systemUTC());
    }

    public BusinessMetrics(EmfSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** One occurrence of a {@link Metric.Shape#PER_CHANNEL} count. */
    public void count(Metric metric, String channel) {
        count(metric, channel, 1);
    }

    /** {@code n} occurrences (0 included: "none this time" is data too) of a {@link Metric.Shape#PER_CHANNEL} count. */
    public void count(Metric metric, String channel, long n) {
        require(metric, Metric.Shape.PER_CHANNEL, Unit.COUNT);
        put(metric, n, perChannel(channel));
    }

    /** A {@link Metric.Shape#PER_CHANNEL} duration, in milliseconds; a negative one (clock skew) counts as 0. */
    public void latency(Metric metric, String channel, Duration duration) {
        require(metric, Metric.Shape.PER_CHANNEL, Unit.MILLISECONDS);
        put(metric, Math.max(0, duration.toMillis()), perChannel(channel));
    }

    /** One business exception recorded on an order: {@code MAPPING_FAILED}, {@code CONFLICT}, {@code ERP_REJECTED}. */
    public void businessException(String channel, String exceptionType) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put(CHANNEL, dimensionValue(channel));
        dimensions.put(EXCEPTION_TYPE, dimensionValue(exceptionType));
        put(Metric.BUSINESS_EXCEPTIONS, 1, List.of(dimensions, Map.of()));
    }

    /** An ERP circuit breaker entered {@code state} ({@code OPEN}, {@code HALF_OPEN}, {@code CLOSED}). */
    public void erpCircuitStateChange(String state) {
        put(Metric.ERP_CIRCUIT_STATE_CHANGES, 1, List.of(Map.of(STATE, dimensionValue(state)), Map.of()));
    }

    /** The watchdog's finding for one state: how many orders are stuck in it, and the oldest one's age (0 if none). */
    public void stuckOrders(String state, long count, Duration oldestAge) {
        List<Map<String, String>> dimensions = List.of(Map.of(STATE, dimensionValue(state)));
        put(Metric.ORDERS_STUCK, count, dimensions);
        put(Metric.OLDEST_STUCK_AGE_SECONDS, Math.max(0, oldestAge.toSeconds()), dimensions);
    }

    /** The watchdog's finding over every state: the total and the oldest of all, for the alarms. */
    public void stuckOrdersInAll(long count, Duration oldestAge) {
        List<Map<String, String>> aggregate = List.of(Map.of());
        put(Metric.ORDERS_STUCK, count, aggregate);
        put(Metric.OLDEST_STUCK_AGE_SECONDS, Math.max(0, oldestAge.toSeconds()), aggregate);
    }

    /** Runs one invocation's work, then writes what it measured, even when the work failed. */
    public <T> T flushAfter(Supplier<T> invocation) {
        try {
            return invocation.get();
        } finally {
            flush();
        }
    }

    /** Writes the collected metrics, one EMF document per line (more when one exceeds the format's limits). */
    public void flush() {
        List<MetricsContext> documents;
        synchronized (pending) {
            documents = new ArrayList<>(pending.values());
            pending.clear();
        }
        for (MetricsContext document : documents) {
            try {
                document.serialize().forEach(sink::write);
            } catch (Exception e) {
                LOG.warnf(e, "business metrics not written: %s", e.getMessage());
            }
        }
    }

    private void put(Metric metric, double value, List<Map<String, String>> dimensionSets) {
        try {
            synchronized (pending) {
                pending.computeIfAbsent(dimensionSets, this::newDocument)
                        .putMetric(metric.metricName(), value, metric.unit());
            }
        } catch (RuntimeException e) {
            LOG.warnf("metric %s=%s %s dropped: %s", metric.metricName(), value, dimensionSets, e.getMessage());
        }
    }

    private MetricsContext newDocument(List<Map<String, String>> dimensionSets) {
        MetricsContext document = new MetricsContext();
        document.setNamespace(NAMESPACE);
        document.setTimestamp(clock.instant());
        DimensionSet[] sets = new DimensionSet[dimensionSets.size()];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = new DimensionSet();
            for (Map.Entry<String, String> dimension : dimensionSets.get(i).entrySet()) {
                sets[i].addDimension(dimension.getKey(), dimension.getValue());
            }
        }
        // false: no default dimensions (the library's LogGroup/ServiceName/ServiceType) prefixed to ours.
        document.setDimensions(false, sets);
        return document;
    }

    private static List<Map<String, String>> perChannel(String channel) {
        return List.of(Map.of(CHANNEL, dimensionValue(channel)), Map.of());
    }

    private static void require(Metric metric, Metric.Shape shape, Unit unit) {
        if (metric.shape() != shape || metric.unit() != unit) {
            throw new IllegalArgumentException(metric.metricName() + " is a " + metric.shape() + " metric in "
                    + metric.unit() + ", not " + shape + " in " + unit);
        }
    }

    /** CloudWatch takes printable ASCII dimension values up to 1024 characters, not blank. */
    static String dimensionValue(String value) {
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        StringBuilder ascii = new StringBuilder(Math.min(value.length(), MAX_DIMENSION_VALUE));
        for (int i = 0; i < value.length() && ascii.length() < MAX_DIMENSION_VALUE; i++) {
            char c = value.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return ascii.toString();
    }
}
