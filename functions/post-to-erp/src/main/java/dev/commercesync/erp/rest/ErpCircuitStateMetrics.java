package dev.commercesync.erp.rest;

import dev.commercesync.pipeline.metrics.BusinessMetrics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Counts every state change of the ERP circuit breakers as {@code ErpCircuitStateChanges} by the state entered, so an
 * alarm sees the breaker open however short the outage. SmallRye calls back on the thread of the call that moved the
 * breaker, inside an invocation, whose end writes the metric.
 */
@ApplicationScoped
public class ErpCircuitStateMetrics {

    private static final Logger LOG = Logger.getLogger(ErpCircuitStateMetrics.class);

    private final CircuitBreakerMaintenance breakers;
    private final BusinessMetrics metrics;

    public ErpCircuitStateMetrics(CircuitBreakerMaintenance breakers, BusinessMetrics metrics) {
        this.breakers = breakers;
        this.metrics = metrics;
    }

    void follow(@Observes StartupEvent started) {
        for (String breaker : ErpCallPolicy.BREAKERS) {
            breakers.onStateChange(breaker, state -> {
                LOG.warnf("ERP circuit breaker %s is now %s", breaker, state);
                metrics.erpCircuitStateChange(state.name());
            });
        }
    }
}
