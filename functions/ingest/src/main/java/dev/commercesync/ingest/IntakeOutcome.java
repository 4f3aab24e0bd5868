package dev.commercesync.ingest;

/** What became of a delivered order. */
public sealed interface IntakeOutcome {

    /** The intake queue has the order: the channel may consider it delivered. */
    record Queued(String correlationId, String orderKey, String eventId) implements IntakeOutcome {
    }

    /** Nothing was queued; {@code detail} says why in words the sender can act on, without echoing the body. */
    record Rejected(IntakeFault fault, String detail) implements IntakeOutcome {
    }

    /** Why a delivery was not queued. Only {@link #QUEUE_UNAVAILABLE} is worth retrying unchanged. */
    enum IntakeFault {
        UNKNOWN_CHANNEL,
        SIGNATURE_INVALID,
        MALFORMED_BODY,
        TOO_LARGE,
        QUEUE_UNAVAILABLE
    }
}
