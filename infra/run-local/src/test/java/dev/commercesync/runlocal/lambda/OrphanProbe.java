package dev.commercesync.runlocal.lambda;

import dev.commercesync.localstack.RepositoryRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM for {@link LocalFunctionTest} to kill: runs the scripted function once, prints {@code CHILD <pid>} and waits
 * to be killed, so the test can watch whether the function process outlives it.
 */
public final class OrphanProbe {

    private OrphanProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        LocalFunction function = LocalFunction.start(ScriptedFunctionPackage.definition(state, Duration.ofSeconds(30)),
                new LaunchSettings(state, ManagedJavaRuntime.locateBuilt(RepositoryRoot.locate()),
                        new AwsEndpoints(Map.of())).withMaxInstances(1));
        function.invoke("\"linger\"").get(30, TimeUnit.SECONDS);
        System.out.println("CHILD " + function.instances().get(0).pid());
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(2));
    }
}
