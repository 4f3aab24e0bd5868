package dev.commercesync.pipeline.operations;

import java.time.Instant;

/**
 * One entry of the exception list: an order's oldest open exception.
 *
 * @param exceptionId what to retry it by
 * @param state       {@code OPEN}
 * @param orderStatus the order's status now
 * @param openOnOrder how many exceptions of the order are open, this one included; the rest surface in turn
 */
public record OpenException(String exceptionId, String orderKey, String channel, String type, String state,
                            Instant at, String reason, String correlationId, String orderStatus, int openOnOrder) {
}
