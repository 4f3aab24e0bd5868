package dev.commercesync.runlocal.lambda;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a {@link LocalFunction} runs its function on this machine, as opposed to what the template says about it.
 *
 * @param stateDirectory       {@code target/local-stack}: functions are unpacked to {@code functions/<LogicalId>},
 *                             logs go to {@code logs/<LogicalId>-<n>.log}, each process gets {@code tmp/<id>}
 * @param maxInstances         most processes at once; empty means the template's {@code MaximumConcurrency}, or
 *                             {@value LocalFunction#DEFAULT_MAX_INSTANCES} for a function without one
 * @param environmentOverrides applied last, over the template's variables (e.g. {@code ERP_BASE_URL})
 */
public record LaunchSettings(Path stateDirectory, ManagedJavaRuntime runtime, AwsEndpoints endpoints,
                             OptionalInt maxInstances, Map<String, String> environmentOverrides) {

    public LaunchSettings {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(endpoints, "endpoints");
        if (maxInstances.isPresent() && maxInstances.getAsInt() < 1) {
            throw new IllegalArgumentException("maxInstances must be at least 1, not " + maxInstances.getAsInt());
        }
        environmentOverrides = Map.copyOf(environmentOverrides);
    }

    public LaunchSettings(Path stateDirectory, ManagedJavaRuntime runtime, AwsEndpoints endpoints) {
        this(stateDirectory, runtime, endpoints, OptionalInt.empty(), Map.of());
    }

    public LaunchSettings withMaxInstances(int instances) {
        return new LaunchSettings(stateDirectory, runtime, endpoints, OptionalInt.of(instances), environmentOverrides);
    }

    public LaunchSettings withEnvironmentOverrides(Map<String, String> overrides) {
        return new LaunchSettings(stateDirectory, runtime, endpoints, maxInstances, overrides);
    }
}
