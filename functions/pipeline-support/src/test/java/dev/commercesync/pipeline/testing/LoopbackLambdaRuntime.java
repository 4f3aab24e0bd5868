package dev.commercesync.pipeline.testing;

import dev.commercesync.localstack.lambda.InvocationQueue;
import dev.commercesync.localstack.lambda.RuntimeApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.Map;

/**
 * The Lambda Runtime API for a function under {@code @QuarkusTest}, on 127.0.0.1.
 * <p>
 * Quarkus' own mock event server listens on every interface and cannot be told otherwise; our machines allow loopback
 * listeners only. The functions' {@code %test} profile switches it off, and this resource gives the function's poll
 * loop a loopback Runtime API to wait on instead ({@code quarkus-internal.aws-lambda.test-api}); the tests call the
 * handler bean directly with events built from real queue messages.
 */
public class LoopbackLambdaRuntime implements QuarkusTestResourceLifecycleManager {

    private InvocationQueue invocations;
    private RuntimeApiServer runtimeApi;

    @Override
    public Map<String, String> start() {
        invocations = new InvocationQueue("under-test", Duration.ofMinutes(1));
        runtimeApi = RuntimeApiServer.start(RuntimeApiServer.QUARKUS_TEST_PREFIX, invocations,
                "loopback-lambda-runtime");
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
    }
}
