package dev.commercesync.model.event;

import java.time.Instant;

/**
 * One step in an order's life, shown by {@code GET /v1/orders/{channel}/{id}}.
 *
 * @param at            when the step happened (UTC)
 * @param step          what happened, e.g. {@code RECEIVED}, {@code MAPPED}, {@code ACCEPTED}, {@code POSTED}
 * @param correlationId the intake the step belongs to
 * @param traceId       W3C trace id of the span that did it, where known
 * @param detail        a short human-readable detail; never personal data
 */
public record TimelineEntry(Instant at, String step, String correlationId, String traceId, String detail) {
}
