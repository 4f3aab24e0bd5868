package dev.commercesync.pipeline.testing;

import dev.commercesync.localstack.lambda.InvocationQueue;
import dev.commercesync.localstack.lambda.RuntimeApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Lambda Runtime API for a function under {@code @QuarkusTest}, on 127.0.0.1.
 * <p>
 * Quarkus' own mock event server listens on every interface and cannot be told otherwise; our machines allow loopback
 * listeners only. The functions' {@code %test} profile switches it off, and this resource gives the function's poll
 * loop a loopback Runtime API to wait on instead ({@code quarkus-internal.aws-lambda.test-api}). Tests that want the
 * full serialisation path can {@link #invoke(String)} through it; others call the handler bean directly.
 */
public class LoopbackLambdaRuntime implements QuarkusTestResourceLifecycleManager {

    private static volatile LoopbackLambdaRuntime current;

    private InvocationQueue invocations;
    private RuntimeApiServer runtimeApi;

    @Override
    public Map<String, String> start() {
        invocations = new InvocationQueue("under-test", Duration.ofMinutes(1));
        runtimeApi = RuntimeApiServer.start(RuntimeApiServer.QUARKUS_TEST_PREFIX, invocations,
                "loopback-lambda-runtime");
        current = this;
        return Map.of(
                "quarkus-internal.aws-lambda.test-api", runtimeApi.address(),
                "quarkus.lambda.mock-event-server.test-port", Integer.toString(runtimeApi.port()));
    }

    @Override
    public void stop() {
        if (invocations != null) {
            invocations.close();
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
        current = null;
    }

    /**
     * Invokes the function under test with a JSON event, as Lambda would; completes with its JSON response, or
     * exceptionally with an {@link InvocationQueue.FunctionError} (an {@link IllegalStateException}) when it failed.
     */
    public static CompletableFuture<String> invoke(String eventJson) {
        LoopbackLambdaRuntime runtime = current;
        if (runtime == null) {
            throw new IllegalStateException("LoopbackLambdaRuntime is not started for this test");
        }
        return runtime.invocations.submit(eventJson);
    }
}
