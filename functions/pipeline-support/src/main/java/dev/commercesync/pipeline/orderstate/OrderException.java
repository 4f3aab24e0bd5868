package dev.commercesync.pipeline.orderstate;

import java.time.Instant;

/**
 * A business exception recorded on an order: something an operator or the business must look at, with the reason.
 *
 * @param type one of {@code MAPPING_FAILED}, {@code CONFLICT}, {@code ERP_REJECTED}
 */
public record OrderException(Instant at, String type, String reason, String correlationId) {
}
