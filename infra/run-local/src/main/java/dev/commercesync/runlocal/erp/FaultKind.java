package dev.commercesync.runlocal.erp;

/** The faults the sandbox ERP injects, as counted in {@link SandboxErpStats#faultsInjected()}. */
public enum FaultKind {
    /** A call was answered late by {@link SandboxErpFaults#addedLatency()} (plus jitter). */
    ADDED_LATENCY,
    /** A call fell into the {@link SandboxErpFaults#outage()} window: 503 with {@code Retry-After}. */
    OUTAGE,
    /** A call exceeded {@link SandboxErpFaults#rateLimitPerSecond()}: 429 with {@code Retry-After}. */
    RATE_LIMITED,
    /** A create or update beyond {@link SandboxErpFaults#maxOrdersPerSecond()}: 429 with {@code Retry-After}. */
    ORDER_CAP,
    /** A call drawn by {@link SandboxErpFaults#errorRate()}: 503 without {@code Retry-After}. */
    SERVER_ERROR,
    /** A create was committed and its response never sent ({@link SandboxErpFaults#dropResponseAfterCreate()}). */
    RESPONSE_DROPPED
}
