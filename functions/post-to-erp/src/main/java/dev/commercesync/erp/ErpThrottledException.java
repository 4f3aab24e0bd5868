package dev.commercesync.erp;

import java.time.Duration;

/**
 * The ERP is up but over its rate (HTTP 429): it answered, so the circuit breaker does not count it as a failure. At
 * a seasonal peak the ERP is usually the slowest hop; were throttling to open the breaker, every posting would then be
 * held for the breaker's delay and spend one of its queue's receives each time, and a long peak would push postings
 * into the DLQ although nothing is wrong. Waiting what {@code Retry-After} asks is the whole answer.
 */
public class ErpThrottledException extends TransientErpException {

    public ErpThrottledException(String message, Duration retryAfter) {
        super(message, 429, retryAfter, null);
    }
}
