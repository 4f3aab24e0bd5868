package dev.commercesync.runlocal.lambda;

import java.util.concurrent.CompletableFuture;

/** An invocation from {@link LocalFunction#invoke} until an environment answers it (or fails to). */
record PendingInvocation(String requestId, byte[] payload, String traceId, CompletableFuture<Invocation> result) {
}
