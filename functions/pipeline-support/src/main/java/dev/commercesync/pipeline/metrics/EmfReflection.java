package dev.commercesync.pipeline.metrics;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The library's model is written by Jackson through reflection; a native image keeps only what is registered.
 * Most of the model is package-private, hence names. {@link BusinessMetrics} uses nothing else of the library.
 */
@RegisterForReflection(classNames = {
        "software.amazon.cloudwatchlogs.emf.model.RootNode",
        "software.amazon.cloudwatchlogs.emf.model.Metadata",
        "software.amazon.cloudwatchlogs.emf.model.MetricDirective",
        "software.amazon.cloudwatchlogs.emf.model.MetricDefinition",
        "software.amazon.cloudwatchlogs.emf.model.EmptyMetricsFilter",
        "software.amazon.cloudwatchlogs.emf.model.DimensionSet",
        "software.amazon.cloudwatchlogs.emf.model.Unit",
        "software.amazon.cloudwatchlogs.emf.model.StorageResolution",
        "software.amazon.cloudwatchlogs.emf.serializers.InstantSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.InstantDeserializer",
        "software.amazon.cloudwatchlogs.emf.serializers.UnitSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.UnitDeserializer",
        "software.amazon.cloudwatchlogs.emf.serializers.StorageResolutionSerializer",
        "software.amazon.cloudwatchlogs.emf.serializers.StorageResolutionFilter"})
public final class EmfReflection {
    private EmfReflection() {
    }
}
