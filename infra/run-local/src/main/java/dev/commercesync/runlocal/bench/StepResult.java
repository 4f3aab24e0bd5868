package dev.commercesync.runlocal.bench;

import dev.commercesync.runlocal.DemoSummary;

import java.util.Map;

/**
 * One rate of the ladder, measured.
 *
 * @param rate              orders per second sent
 * @param sent              orders posted
 * @param accepted          orders ingest answered 202 for
 * @param delivered         accepted orders that reached the ERP within the drain time
 * @param latencyMs         ingest's 202 → the ERP has it, of the delivered orders: p50, p95, p99 in ms
 * @param ingestAnswerMs    send → ingest's answer: p50, p95, p99 in ms (waiting in front of ingest shows here)
 * @param throughput        orders per second arriving at the ERP, first arrival to last: the rate when it was held,
 *                          the pipeline's capacity when it was not
 * @param backlogMax        the highest backlog sampled during the load window (messages, all queues)
 * @param backlogGrowth     last-third median minus middle-third median of the backlog ({@link SustainableRate})
 * @param backlogAtLoadEnd  per queue, the backlog in the last sample of the load window
 * @param drainSeconds      load end → every order at the ERP and the queues empty; -1 when the drain time ran out
 * @param sendLatenessMs    how late the load generator sent its latest request (a loaded client would show here)
 * @param sustainable       the verdict
 * @param verdict           why, in words
 */
public record StepResult(double rate, long sent, long accepted, long delivered, DemoSummary.Percentiles latencyMs,
                         DemoSummary.Percentiles ingestAnswerMs, double throughput, long backlogMax, long backlogGrowth, Map<String, Long> backlogAtLoadEnd,
                         double drainSeconds, long sendLatenessMs, boolean sustainable, String verdict) {
}
