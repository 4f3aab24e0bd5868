package dev.commercesync.pipeline.operations;

/**
 * Where retries go.
 *
 * @param intakeQueueUrl  the raw-order queue map reads: a mapping failure's kept payload is mapped again there
 * @param postingQueueUrl the FIFO queue post-to-erp reads: a rejected order is posted again from there
 */
public record RetryTargets(String intakeQueueUrl, String postingQueueUrl) {
}
