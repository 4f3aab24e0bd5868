package dev.commercesync.ingest.tracing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Spans exported to {@link CollectedSpans} instead of nowhere, and only when flushed: the batch processor's own
 * schedule is an hour, so a test sees a span only if the function flushed it before answering, as in Lambda. Logs
 * are JSON, as in production.
 */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.traces.exporter", "cdi",
                "quarkus.otel.exporter.otlp.enabled", "false",
                "quarkus.otel.bsp.schedule.delay", "1h",
                "quarkus.otel.traces.sampler.arg", "1.0",
                "quarkus.log.console.json.enabled", "true");
    }
}
