package dev.commercesync.pipeline.messaging;

/** SQS message attributes every hop sets and reads. */
public final class MessageAttributeNames {

    public static final String CORRELATION_ID = "correlationId";
    /** W3C trace context, as the OpenTelemetry messaging conventions carry it. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** Versioned schema id of the body, so a consumer can route or reject before parsing. */
    public static final String SCHEMA = "schema";

    private MessageAttributeNames() {
    }
}
