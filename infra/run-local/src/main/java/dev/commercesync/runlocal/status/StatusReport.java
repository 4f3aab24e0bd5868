package dev.commercesync.runlocal.status;

import java.util.Map;

/**
 * Everything {@code /status/data.json} answers: one reading of the stack, taken when asked.
 *
 * @param generatedAt ISO-8601 UTC
 * @param queues      by logical id, dead-letter queues included, in template order
 * @param functions   by logical id, in template order
 * @param trace       the asked order's trace view, null when none was asked for
 */
public record StatusReport(String generatedAt, PipelineChart pipeline, Map<String, QueueFigures> queues,
                           Map<String, FunctionFigures> functions, OrderFigures orders, DriftCheck drift,
                           TraceView trace) {

    /**
     * One queue's attributes as SQS reports them.
     *
     * @param visible         {@code ApproximateNumberOfMessages}
     * @param inFlight        {@code ApproximateNumberOfMessagesNotVisible}
     * @param delayed         {@code ApproximateNumberOfMessagesDelayed}
     * @param deadLetterQueue its redrive target, null if none
     * @param deadLetters     messages in that target (visible and in flight), null if none
     */
    public record QueueFigures(String name, long visible, long inFlight, long delayed, String deadLetterQueue,
                               Long deadLetters) {
    }

    /**
     * @param environments        function processes running
     * @param eventSources        its SQS event source mappings; the batch figures are theirs
     * @param invocationsInFlight batches its event source mappings are waiting on
     * @param batches             batches its event source mappings delivered since the stack started
     * @param failedBatches       of those, the ones that failed as a whole
     */
    public record FunctionFigures(int environments, int eventSources, long invocationsInFlight, long batches,
                                  long failedBatches) {
    }
}
