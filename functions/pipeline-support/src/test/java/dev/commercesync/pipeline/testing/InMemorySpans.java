package dev.commercesync.pipeline.testing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The spans a test made, kept in memory (opentelemetry-sdk-testing's exporter, without the dependency). Behind a
 * batch processor, as in the functions, so a test also shows that the code under test flushed them: nothing arrives
 * here before a flush or the processor's schedule (an hour in {@link #sdk()}).
 */
public final class InMemorySpans implements SpanExporter {

    private final List<SpanData> spans = new ArrayList<>();

    /** An SDK that exports here only when flushed. */
    public OpenTelemetrySdk sdk() {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(this)
                                .setScheduleDelay(java.time.Duration.ofHours(1))
                                .build())
                        .build())
                .build();
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> batch) {
        spans.addAll(batch);
        return CompletableResultCode.ofSuccess();
    }

    public synchronized List<SpanData> all() {
        return List.copyOf(spans);
    }

    public synchronized void clear() {
        spans.clear();
    }

    public List<SpanData> ofKind(SpanKind kind) {
        return all().stream().filter(s -> s.getKind() == kind).toList();
    }

    public Optional<SpanData> named(String name) {
        return all().stream().filter(s -> s.getName().equals(name)).findFirst();
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
