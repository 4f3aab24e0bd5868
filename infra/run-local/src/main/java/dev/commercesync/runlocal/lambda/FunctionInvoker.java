package dev.commercesync.runlocal.lambda;

import java.util.concurrent.CompletableFuture;

/**
 * What event sources need of a function: Lambda's synchronous Invoke. {@link LocalFunction} is the real one; tests
 * of the event sources may pass a lambda expression.
 */
@FunctionalInterface
public interface FunctionInvoker {

    /**
     * Queues one invocation. The future completes with the outcome; it completes exceptionally only when the
     * invocation could not be attempted at all (the function was closed, its process could not be started).
     */
    CompletableFuture<Invocation> invoke(String jsonPayload);
}
