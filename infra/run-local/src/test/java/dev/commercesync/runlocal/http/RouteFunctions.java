package dev.commercesync.runlocal.http;

import dev.commercesync.runlocal.lambda.FunctionInvoker;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The functions an {@link HttpApiFront} needs for a test that runs only some of them: the given ones for real, every
 * other function a route names as an invoker that fails at once (which API Gateway answers with 500), so a test
 * starts no function it does not exercise.
 */
final class RouteFunctions {

    private RouteFunctions() {
    }

    static Map<String, FunctionInvoker> only(HttpApiDefinition api, Map<String, ? extends FunctionInvoker> running) {
        Map<String, FunctionInvoker> functions = new HashMap<>();
        for (HttpRoute route : api.routes()) {
            String id = route.functionLogicalId();
            functions.put(id, payload -> CompletableFuture.failedFuture(
                    new IllegalStateException(id + " is not started in this test")));
        }
        functions.putAll(running);
        return functions;
    }
}
