package dev.commercesync.erp;

import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.metrics.Metric;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An {@link ErpGateway} that measures each call of another one as {@code ErpLatency}, under the channel of the order it
 * is made for: what a posting waits for the ERP, the fault-tolerance policy's retries and backoff included. A call the
 * open circuit breaker refused never reached the ERP and is not measured.
 */
final class TimedErpGateway implements ErpGateway {

    private final ErpGateway erp;
    private final BusinessMetrics metrics;
    private final String channel;

    TimedErpGateway(ErpGateway erp, BusinessMetrics metrics, String channel) {
        this.erp = erp;
        this.metrics = metrics;
        this.channel = channel;
    }

    @Override
    public Optional<ErpDocument> findByExternalReference(String externalReference) {
        return timed(() -> erp.findByExternalReference(externalReference));
    }

    @Override
    public ErpDocument create(ErpSalesOrder order) {
        return timed(() -> erp.create(order));
    }

    @Override
    public ErpDocument update(String documentId, ErpSalesOrder order) {
        return timed(() -> erp.update(documentId, order));
    }

    private <T> T timed(Supplier<T> call) {
        long start = System.nanoTime();
        boolean reachedErp = true;
        try {
            return call.get();
        } catch (CircuitBreakerOpenException refused) {
            reachedErp = false;
            throw refused;
        } finally {
            if (reachedErp) {
                metrics.latency(Metric.ERP_LATENCY, channel, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }
}
