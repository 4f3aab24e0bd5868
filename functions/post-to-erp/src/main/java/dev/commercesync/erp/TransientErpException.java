package dev.commercesync.erp;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ERP could not answer now: 5xx, 408, 429, a refused connection or a timeout. Asking again later can succeed.
 */
public class TransientErpException extends RuntimeException {

    private final Integer status;
    private final Duration retryAfter;

    /**
     * @param status     the HTTP status, or null when no response came
     * @param retryAfter how long the ERP asked us to wait ({@code Retry-After}), or null
     */
    public TransientErpException(String message, Integer status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
