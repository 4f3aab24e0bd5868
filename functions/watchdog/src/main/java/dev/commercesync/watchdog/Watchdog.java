package dev.commercesync.watchdog;

import dev.commercesync.pipeline.logging.LogContext;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One watchdog run: per {@link StuckRule}, counts the orders stuck in its state and reads the oldest few; publishes
 * {@code OrdersStuck} and {@code OldestStuckAgeSeconds} per state and over all (0 when none, so the alarms always
 * have data); writes one log line per listed stuck order and a summary line.
 */
@ApplicationScoped
public class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class);

    private final StatusIndex index;
    private final BusinessMetrics metrics;
    private final List<StuckRule> rules;
    private final int reportLimit;
    private final Clock clock;

    @Inject
    public Watchdog(StatusIndex index, BusinessMetrics metrics, WatchdogConfig config) {
        this(index, metrics, StuckRule.of(Duration.ofMinutes(config.pendingErpMinutes()),
                Duration.ofHours(config.openExceptionHours())), config.reportLimit(), Clock.systemUTC());
    }

    public Watchdog(StatusIndex index, BusinessMetrics metrics, List<StuckRule> rules, int reportLimit, Clock clock) {
        this.index = index;
        this.metrics = metrics;
        this.rules = List.copyOf(rules);
        this.reportLimit = reportLimit;
        this.clock = clock;
    }

    public WatchdogReport check() {
        Instant now = clock.instant();
        List<WatchdogReport.StateFinding> findings = new ArrayList<>();
        for (StuckRule rule : rules) {
            Instant stuckBefore = rule.stuckBefore(now);
            findings.add(WatchdogReport.StateFinding.of(rule, now, index.count(rule.state(), stuckBefore),
                    index.oldest(rule.state(), stuckBefore, reportLimit)));
        }
        WatchdogReport report = WatchdogReport.of(now, findings);

        for (WatchdogReport.StateFinding finding : report.states()) {
            metrics.stuckOrders(finding.state(), finding.count(), Duration.ofSeconds(finding.oldestAgeSeconds()));
            finding.oldest().forEach(Watchdog::logStuck);
        }
        metrics.stuckOrdersInAll(report.ordersStuck(), Duration.ofSeconds(report.oldestStuckAgeSeconds()));
        String byState = report.states().stream().map(f -> f.state() + " " + f.count())
                .collect(Collectors.joining(", "));
        if (report.ordersStuck() == 0) {
            LOG.infof("watchdog: no stuck orders (%s)", byState);
        } else {
            LOG.warnf("watchdog: %d stuck order(s) (%s), the oldest for %d s", report.ordersStuck(), byState,
                    report.oldestStuckAgeSeconds());
        }
        return report;
    }

    /**
     * The order's fields as top-level fields of the (JSON) line; {@code traceId} is the order's, so a search by trace
     * finds it, and the watchdog's own span id would only mislead beside it.
     */
    private static void logStuck(StuckOrder order) {
        try (LogContext.Frame frame = LogContext.open("watchdog", null)
                .put(LogContext.ORDER_KEY, order.orderKey())
                .put(LogContext.CORRELATION_ID, order.correlationId())
                .put(LogContext.TRACE_ID, order.traceId())
                .put(LogContext.SPAN_ID, null)
                .put("state", order.state())
                .put("since", String.valueOf(order.since()))
                .put("ageSeconds", Long.toString(order.ageSeconds()))) {
            LOG.warnf("stuck order %s: %s since %s (%d s)", order.orderKey(), order.state(), order.since(),
                    order.ageSeconds());
        }
    }
}
