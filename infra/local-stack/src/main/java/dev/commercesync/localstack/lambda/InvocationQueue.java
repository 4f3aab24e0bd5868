package dev.commercesync.localstack.lambda;

import dev.commercesync.localstack.LocalAwsAccount;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The invocations of one function whose runtime is already running and polls a {@link RuntimeApiServer}: what is
 * {@link #submit submitted} waits here until {@code /next} takes it, and completes with what the runtime posts back.
 * For the poll loop of a function under {@code @QuarkusTest}, which lives as long as the test's application: one
 * environment, no timeouts, no processes to start or replace (run-local's {@code LocalFunction} does all that).
 */
public final class InvocationQueue implements RuntimeApiServer.Backend, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InvocationQueue.class.getName());
    /** How long an idle {@code /next} waits before it looks again whether the queue was closed. */
    private static final long NEXT_POLL_MILLIS = 100;

    private final String functionName;
    private final String invokedFunctionArn;
    private final Duration deadline;
    private final LinkedBlockingDeque<Submitted> waiting = new LinkedBlockingDeque<>();
    private final Map<String, Submitted> inFlight = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Submitted(String requestId, byte[] event, CompletableFuture<String> answer) {
    }

    /**
     * The runtime's answer to {@code /error}: its body is the message, as the runtime posted it.
     *
     * @see #errorType()
     */
    public static final class FunctionError extends IllegalStateException {

        private final String errorType;

        FunctionError(Optional<String> errorType, String body) {
            super(body);
            this.errorType = errorType.orElse(null);
        }

        /** The {@code Lambda-Runtime-Function-Error-Type} header, if the runtime sent one. */
        public Optional<String> errorType() {
            return Optional.ofNullable(errorType);
        }
    }

    /**
     * @param functionName what the runtime is told it runs, as part of its ARN in the local account
     * @param deadline     how long each invocation may take, as far as the runtime is told
     */
    public InvocationQueue(String functionName, Duration deadline) {
        this.functionName = functionName;
        this.invokedFunctionArn = "arn:" + LocalAwsAccount.PARTITION + ":lambda:" + LocalAwsAccount.REGION + ":"
                + LocalAwsAccount.ACCOUNT_ID + ":function:" + functionName;
        this.deadline = deadline;
    }

    /**
     * Queues one invocation with a JSON event. The future completes with the response body the runtime posts, or
     * exceptionally with a {@link FunctionError} for an {@code /error}. Cancelling it before the runtime took the
     * invocation withdraws it.
     */
    public CompletableFuture<String> submit(String eventJson) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(functionName + "'s queue is closed"));
        }
        Submitted submitted = new Submitted(UUID.randomUUID().toString(), eventJson.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>());
        waiting.add(submitted);
        return submitted.answer();
    }

    /** From now on {@code /next} tells the runtime its environment is shutting down. */
    @Override
    public void close() {
        closed = true;
    }

    /** Long poll, as the real Runtime API: the poll loop waits here between invocations. */
    @Override
    public Optional<RuntimeApiServer.NextInvocation> awaitNext() throws InterruptedException {
        while (!closed) {
            Submitted next = waiting.poll(NEXT_POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (next == null || next.answer().isDone()) {
                // Nothing to do, or the caller gave up on it before it ran.
                continue;
            }
            inFlight.put(next.requestId(), next);
            return Optional.of(new RuntimeApiServer.NextInvocation(next.requestId(),
                    System.currentTimeMillis() + deadline.toMillis(), invokedFunctionArn, Optional.empty(),
                    next.event()));
        }
        return Optional.empty();
    }

    @Override
    public RuntimeApiServer.Reply response(String requestId, byte[] body) {
        Submitted submitted = inFlight.remove(requestId);
        if (submitted == null) {
            return unknownRequest(requestId);
        }
        if (body.length > RuntimeApiServer.MAX_RESPONSE_BYTES) {
            String message = "Response payload size exceeded maximum allowed payload size ("
                    + RuntimeApiServer.MAX_RESPONSE_BYTES + " bytes).";
            submitted.answer().completeExceptionally(new FunctionError(Optional.of("Function.ResponseSizeTooLarge"),
                    message));
            return RuntimeApiServer.Reply.rejected(413, "RequestEntityTooLarge", message);
        }
        submitted.answer().complete(new String(body, StandardCharsets.UTF_8));
        return RuntimeApiServer.Reply.accepted();
    }

    @Override
    public RuntimeApiServer.Reply error(String requestId, Optional<String> errorTypeHeader, byte[] body) {
        Submitted submitted = inFlight.remove(requestId);
        if (submitted == null) {
            return unknownRequest(requestId);
        }
        submitted.answer().completeExceptionally(new FunctionError(errorTypeHeader,
                new String(body, StandardCharsets.UTF_8)));
        return RuntimeApiServer.Reply.accepted();
    }

    @Override
    public RuntimeApiServer.Reply initError(Optional<String> errorTypeHeader, byte[] body) {
        LOG.log(Level.ERROR, "{0} failed to initialise ({1}): {2}", functionName, errorTypeHeader.orElse("Unhandled"),
                new String(body, StandardCharsets.UTF_8));
        return RuntimeApiServer.Reply.accepted();
    }

    @Override
    public RuntimeApiServer.Reply requeue(String requestId) {
        Submitted submitted = inFlight.remove(requestId);
        if (submitted == null) {
            return unknownRequest(requestId);
        }
        waiting.addFirst(submitted);
        return RuntimeApiServer.Reply.accepted();
    }

    @Override
    public void undelivered(RuntimeApiServer.NextInvocation invocation) {
        Submitted submitted = inFlight.remove(invocation.requestId());
        if (submitted != null) {
            waiting.addFirst(submitted);
        }
    }

    private RuntimeApiServer.Reply unknownRequest(String requestId) {
        return RuntimeApiServer.Reply.rejected(400, "InvalidRequestID",
                "request " + requestId + " is not in progress in " + functionName);
    }
}
