package dev.commercesync.pipeline.messaging;

/** The queue did not accept an event; the caller must not acknowledge its input. */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
