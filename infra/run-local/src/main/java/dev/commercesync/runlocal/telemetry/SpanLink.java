package dev.commercesync.runlocal.telemetry;

/**
 * A span's link to another span's context, as a batch CONSUMER span links to each message's PRODUCER span.
 *
 * @param traceId 32 lowercase hex digits
 * @param spanId  16 lowercase hex digits
 */
public record SpanLink(String traceId, String spanId) {
}
