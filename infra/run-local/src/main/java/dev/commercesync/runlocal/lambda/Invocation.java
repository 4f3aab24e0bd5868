package dev.commercesync.runlocal.lambda;

import java.time.Duration;

/**
 * How one invocation of a {@link LocalFunction} ended. A closed set, as Lambda's own outcomes are: callers such as
 * the SQS event source mapping must decide for each case whether a message may be deleted.
 */
public sealed interface Invocation {

    /** Lambda's request id, also the {@code Lambda-Runtime-Aws-Request-Id} the runtime saw. */
    String requestId();

    /** The function posted {@code /response}; {@code payload} is its body as sent (usually JSON). */
    record Success(String requestId, String payload) implements Invocation {
    }

    /**
     * The function posted {@code /error}, or its environment failed to initialise. {@code payload} is what Lambda's
     * Invoke API would return with {@code X-Amz-Function-Error: Unhandled}.
     *
     * @param errorType the error body's {@code errorType} (e.g. {@code java.lang.IllegalStateException}), else the
     *                  {@code Lambda-Runtime-Function-Error-Type} header
     */
    record FunctionError(String requestId, String errorType, String errorMessage, String payload)
            implements Invocation {
    }

    /** The function did not answer within its configured timeout; its process was killed, as Lambda does. */
    record Timeout(String requestId, Duration limit) implements Invocation {
    }

    /**
     * The function's process died while the invocation was in it (a SIGKILL, {@code System.exit}, an OOM kill).
     *
     * @param reason Lambda's wording, e.g. {@code Runtime exited with error: signal: killed}
     */
    record Crashed(String requestId, String reason) implements Invocation {
    }
}
