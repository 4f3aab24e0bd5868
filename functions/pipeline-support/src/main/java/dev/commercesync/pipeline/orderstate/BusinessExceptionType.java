package dev.commercesync.pipeline.orderstate;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of business exception the pipeline records on an order ({@link OrderException#type()}). */
public enum BusinessExceptionType {
    /** map could not turn the channel payload into a canonical order; the raw payload is kept. */
    MAPPING_FAILED,
    /** A channel event arrived again with different content for the same version; the first content stands. */
    CONFLICT,
    /** The ERP refused the order for a business reason. */
    ERP_REJECTED;

    public static Optional<BusinessExceptionType> fromText(String text) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(text)).findFirst();
    }
}
