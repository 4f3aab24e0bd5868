package dev.commercesync.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

import java.util.Map;

/** The scheduled drift check (EventBridge Scheduler invokes it with its own input, which is not needed). */
@Named("inventory-drift-repair")
public class DriftRepairHandler implements RequestHandler<Map<String, Object>, DriftReport> {

    private final DriftRepair driftRepair;

    public DriftRepairHandler(DriftRepair driftRepair) {
        this.driftRepair = driftRepair;
    }

    @Override
    public DriftReport handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return driftRepair.run();
    }
}
