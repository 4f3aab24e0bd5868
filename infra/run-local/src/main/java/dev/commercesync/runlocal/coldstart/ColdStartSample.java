package dev.commercesync.runlocal.coldstart;

/**
 * One execution environment's cold start.
 *
 * @param function        the template's logical id
 * @param setup           {@link JvmSetup#label()}
 * @param run             1..n for a measured run, 0 for the training run that wrote the archive
 * @param event           what the first event was ({@code POST /v1/orders/shopify}, {@code 1 record from
 *                        OrderIntakeQueue}, {@code empty batch}, ...)
 * @param outcome         how it was answered ({@code 202}, {@code no failed items}, an error)
 * @param ok              whether that answer is the expected one; only those count in the summary
 * @param initMs          process spawn → first {@code GET /invocation/next} (Lambda's Init Duration)
 * @param firstResponseMs process spawn → the first event's response
 * @param memory          right after the response; null if it could not be read
 */
public record ColdStartSample(String function, String setup, int run, String event, String outcome, boolean ok,
                              double initMs, double firstResponseMs, ProcessMemory memory) {

    public boolean measured() {
        return run > 0;
    }
}
