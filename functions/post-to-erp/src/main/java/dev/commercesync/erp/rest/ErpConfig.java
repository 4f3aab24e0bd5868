package dev.commercesync.erp.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the ERP. Retries, backoff and the circuit breaker are in {@link ErpCallPolicy}.
 */
@ConfigMapping(prefix = "commerce.erp")
public interface ErpConfig {

    /**
     * Base URL of the ERP's order API, the part before {@code /sales-orders}, e.g.
     * {@code https://erp.example.com/api}. Env {@code ERP_BASE_URL}.
     */
    URI baseUrl();

    /**
     * API key sent as {@code Authorization: Bearer <key>}. Empty sends no header (a facade that authenticates the
     * caller otherwise). Env {@code ERP_API_KEY}.
     */
    Optional<String> apiKey();

    /** Longest wait for a TCP (and TLS) connection to the ERP; a refused or slow connect is retried. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Longest wait for the ERP's answer to one request. A create that times out is not repeated (the ERP may have
     * taken it); the next attempt looks it up instead. Keep it below {@link ErpCallPolicy#HARD_TIMEOUT_MS}, the hard
     * stop of a whole call, or that stop cuts in first and the call is not retried.
     */
    @WithDefault("5s")
    Duration requestTimeout();
}
