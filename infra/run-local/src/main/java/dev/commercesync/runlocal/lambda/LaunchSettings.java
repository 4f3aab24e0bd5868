package dev.commercesync.runlocal.lambda;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param stopGrace            how long {@link LocalFunction#close()} waits after SIGTERM before SIGKILL; longer when
 *                             the JVM has work to do at exit (a class-data archive to write, {@code ./run-local
 *                             coldstart})
 */
public record LaunchSettings(Path stateDirectory, ManagedJavaRuntime runtime, AwsEndpoints endpoints,
                             OptionalInt maxInstances, Map<String, String> environmentOverrides, Duration stopGrace) {

    /** Enough for a JVM to run its shutdown hooks. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(3);

    public LaunchSettings {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(endpoints, "endpoints");
        if (maxInstances.isPresent() && maxInstances.getAsInt() < 1) {
            throw new IllegalArgumentException("maxInstances must be at least 1, not " + maxInstances.getAsInt());
        }
        environmentOverrides = Map.copyOf(environmentOverrides);
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative: " + stopGrace);
        }
    }

    public LaunchSettings(Path stateDirectory, ManagedJavaRuntime runtime, AwsEndpoints endpoints,
                          OptionalInt maxInstances, Map<String, String> environmentOverrides) {
        this(stateDirectory, runtime, endpoints, maxInstances, environmentOverrides, DEFAULT_STOP_GRACE);
    }

    public LaunchSettings(Path stateDirectory, ManagedJavaRuntime runtime, AwsEndpoints endpoints) {
        this(stateDirectory, runtime, endpoints, OptionalInt.empty(), Map.of());
    }

    public LaunchSettings withMaxInstances(int instances) {
        return new LaunchSettings(stateDirectory, runtime, endpoints, OptionalInt.of(instances), environmentOverrides,
                stopGrace);
    }

    public LaunchSettings withEnvironmentOverrides(Map<String, String> overrides) {
        return new LaunchSettings(stateDirectory, runtime, endpoints, maxInstances, overrides, stopGrace);
    }

    /** Another JVM or state directory for the same functions ({@code ./run-local coldstart} compares JDKs). */
    public LaunchSettings withRuntime(Path newStateDirectory, ManagedJavaRuntime newRuntime) {
        return new LaunchSettings(newStateDirectory, newRuntime, endpoints, maxInstances, environmentOverrides,
                stopGrace);
    }

    public LaunchSettings withStopGrace(Duration grace) {
        return new LaunchSettings(stateDirectory, runtime, endpoints, maxInstances, environmentOverrides, grace);
    }
}
