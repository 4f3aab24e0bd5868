package dev.commercesync.watchdog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.tracing.ScheduledInvocation;
import jakarta.inject.Named;

import java.util.Map;

/** The scheduled check (EventBridge Scheduler invokes it with its own input, which is not needed). */
@Named("watchdog")
public class WatchdogHandler implements RequestHandler<Map<String, Object>, WatchdogReport> {

    private final ScheduledInvocation invocation;
    private final Watchdog watchdog;
    private final BusinessMetrics metrics;

    public WatchdogHandler(ScheduledInvocation invocation, Watchdog watchdog, BusinessMetrics metrics) {
        this.invocation = invocation;
        this.watchdog = watchdog;
        this.metrics = metrics;
    }

    @Override
    public WatchdogReport handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return invocation.run("watchdog", () -> metrics.flushAfter(watchdog::check));
    }
}
