package dev.commercesync.runlocal.lambda;

/**
 * What Lambda would bill a function for its invocations so far (the init phase aside: see {@link ColdStart}).
 *
 * @param invocations  invocations that ended: answered, failed, timed out or crashed
 * @param billedMillis the sum of their durations, each from the moment an environment took it to its answer (or
 *                     its end), rounded up to the next millisecond as Lambda rounds
 */
public record InvocationStats(long invocations, long billedMillis) {

    public InvocationStats minus(InvocationStats earlier) {
        return new InvocationStats(invocations - earlier.invocations, billedMillis - earlier.billedMillis);
    }
}
