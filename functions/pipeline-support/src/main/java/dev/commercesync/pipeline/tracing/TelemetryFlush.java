package dev.commercesync.pipeline.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Exports the spans an invocation made before it returns. Lambda freezes the process as soon as the answer is out,
 * so a batch span processor's own schedule (every few seconds) would leave spans waiting in a frozen queue until the
 * next invocation, or for ever if the environment is retired. Called once per invocation by the shared entry points:
 * {@code SqsBatchProcessor}, {@link ScheduledInvocation} and {@link FlushingStreamHandler}.
 */
@ApplicationScoped
public class TelemetryFlush {

    private static final Logger LOG = Logger.getLogger(TelemetryFlush.class);

    private final SdkTracerProvider tracerProvider;
    private final Duration maxWait;

    @Inject
    public TelemetryFlush(Instance<OpenTelemetry> openTelemetry,
                          @ConfigProperty(name = "commerce.telemetry.flush-timeout", defaultValue = "2s")
                          Duration maxWait) {
        this(openTelemetry.isResolvable() ? openTelemetry.get() : GlobalOpenTelemetry.get(), maxWait);
    }

    /** @param openTelemetry an SDK to flush; anything else (the no-op API, a disabled SDK) has nothing to flush */
    public TelemetryFlush(OpenTelemetry openTelemetry, Duration maxWait) {
        this.tracerProvider = openTelemetry instanceof OpenTelemetrySdk sdk ? sdk.getSdkTracerProvider() : null;
        this.maxWait = maxWait;
    }

    /**
     * Exports every ended span, waiting at most {@code commerce.telemetry.flush-timeout}: a collector that does not
     * answer costs the invocation that long, never its result. Spans not exported in time stay queued.
     */
    public void flush() {
        if (tracerProvider == null) {
            return;
        }
        CompletableResultCode done = tracerProvider.forceFlush().join(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        if (!done.isSuccess()) {
            LOG.debugf("spans not exported within %s; they stay queued for the next flush", maxWait);
        }
    }
}
