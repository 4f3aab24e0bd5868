package dev.commercesync.pipeline.messaging;

/** A message body that is not a valid event of the expected schema; retrying cannot fix it. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
