package dev.commercesync.runlocal.lambda;

import java.time.Duration;

/**
 * One execution environment's cold start.
 *
 * @param init            process spawn until its first {@code GET /invocation/next}: Lambda's "Init Duration"
 * @param toFirstResponse {@code init} plus the first invocation's time to its {@code /response} or {@code /error}:
 *                        for an environment started by that invocation, spawn until first response
 */
public record ColdStart(String instanceId, Duration init, Duration toFirstResponse) {
}
