package dev.commercesync.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.tracing.ScheduledInvocation;
import jakarta.inject.Named;

import java.util.Map;

/** The scheduled drift check (EventBridge Scheduler invokes it with its own input, which is not needed). */
@Named("inventory-drift-repair")
public class DriftRepairHandler implements RequestHandler<Map<String, Object>, DriftReport> {

    private final DriftRepair driftRepair;
    private final BusinessMetrics metrics;
    private final ScheduledInvocation invocation;

    public DriftRepairHandler(DriftRepair driftRepair, BusinessMetrics metrics, ScheduledInvocation invocation) {
        this.driftRepair = driftRepair;
        this.metrics = metrics;
        this.invocation = invocation;
    }

    @Override
    public DriftReport handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return metrics.flushAfter(() -> invocation.run("drift-repair", driftRepair::run));
    }
}
