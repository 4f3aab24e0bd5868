package dev.commercesync.localstack.httpapi;

import java.util.concurrent.CompletableFuture;

/** A route's Lambda proxy integration: invokes the route's function synchronously with the event. */
@FunctionalInterface
public interface LambdaIntegration {

    /**
     * Completes with the function's answer as it was returned; exceptionally when the function failed (an error, a
     * crash, its own timeout) or could not be invoked, which API Gateway answers with 500. Cancelled when API
     * Gateway stops waiting for it (its integration timeout): an invocation not yet running should then never run.
     */
    CompletableFuture<String> invoke(String functionLogicalId, String event);
}
