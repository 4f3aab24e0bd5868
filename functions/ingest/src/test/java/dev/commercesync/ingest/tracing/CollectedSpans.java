package dev.commercesync.ingest.tracing;

import dev.commercesync.pipeline.testing.InMemorySpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;

import java.util.Collection;

/**
 * The function's span exporter under {@link TracingProfile} (Quarkus' {@code cdi} exporter takes every SpanExporter
 * bean); other profiles export nothing, so it stays idle there.
 */
@Singleton
public class CollectedSpans implements SpanExporter {

    static final InMemorySpans SPANS = new InMemorySpans();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return SPANS.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
