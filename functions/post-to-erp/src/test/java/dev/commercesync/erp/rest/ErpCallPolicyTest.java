package dev.commercesync.erp.rest;

import dev.commercesync.erp.ErpOutcomeUnknownException;
import dev.commercesync.erp.ErpRejectedException;
import dev.commercesync.erp.TransientErpException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry policy's pieces on their own; {@code PostToErpHandlerTest} proves them on the wire. */
class ErpCallPolicyTest {

    private final ErpCallPolicy.RetryNow retryNow = new ErpCallPolicy.RetryNow();

    @Test
    void retriesOnlyTransientFailuresWhoseRetryCannotDoHarm() {
        assertThat(retryNow.test(transientFailure(503, null))).isTrue();
        assertThat(retryNow.test(transientFailure(429, Duration.ofSeconds(2)))).isTrue();
        assertThat(retryNow.test(new TransientErpException("connection refused", null, null, null))).isTrue();

        assertThat(retryNow.test(new ErpOutcomeUnknownException("create timed out", null))).isFalse();
        assertThat(retryNow.test(new ErpRejectedException(422, "unknown SKU"))).isFalse();
        assertThat(retryNow.test(new CircuitBreakerOpenException())).isFalse();
        assertThat(retryNow.test(transientFailure(429, Duration.ofSeconds(120)))).isFalse();
    }

    @Test
    void backsOffExponentiallyWithJitterUpToACap() {
        ErpRetryBackoff backoff = new ErpRetryBackoff();
        backoff.init(100);
        TransientErpException failure = transientFailure(503, null);

        assertThat(backoff.nextDelayInMillis(failure)).isBetween(50L, 100L);
        assertThat(backoff.nextDelayInMillis(failure)).isBetween(100L, 200L);
        assertThat(backoff.nextDelayInMillis(failure)).isBetween(200L, 400L);
        assertThat(backoff.nextDelayInMillis(failure)).isBetween(400L, 800L);
        assertThat(backoff.nextDelayInMillis(failure)).isBetween(400L, 800L);
    }

    @Test
    void waitsWhatTheErpAsksForButNotLongerThanAnInvocationCanAfford() {
        ErpRetryBackoff backoff = new ErpRetryBackoff();
        backoff.init(100);

        assertThat(backoff.nextDelayInMillis(transientFailure(429, Duration.ofSeconds(1)))).isEqualTo(1_000);
        assertThat(backoff.nextDelayInMillis(transientFailure(429, Duration.ofSeconds(120))))
                .isEqualTo(ErpCallPolicy.MAX_RETRY_AFTER_IN_PROCESS.toMillis());
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-11-21T14:30:00Z");

        assertThat(RestErpGateway.retryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RestErpGateway.retryAfter("Sat, 21 Nov 2026 14:30:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RestErpGateway.retryAfter("Sat, 21 Nov 2026 14:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RestErpGateway.retryAfter("soon", now)).isEmpty();
    }

    private static TransientErpException transientFailure(int status, Duration retryAfter) {
        return new TransientErpException("HTTP " + status, status, retryAfter, null);
    }
}
