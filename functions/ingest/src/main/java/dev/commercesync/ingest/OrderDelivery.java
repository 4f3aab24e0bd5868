package dev.commercesync.ingest;

import dev.commercesync.pipeline.http.CorrelationIds;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One order as a channel delivered it to ingest.
 *
 * @param channel       the channel id from the path, not yet validated
 * @param body          the body bytes exactly as received
 * @param header        header value by name, case-insensitive, null when absent
 * @param correlationId the intake's correlation id, already sanitised or created ({@link CorrelationIds})
 */
public record OrderDelivery(String channel, byte[] body, UnaryOperator<String> header, String correlationId) {

    public OrderDelivery {
        body = body == null ? new byte[0] : body;
        header = header == null ? name -> null : header;
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
