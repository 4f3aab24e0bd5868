package dev.commercesync.pipeline.operations;

/** A filter of the exception list that cannot be applied; the message says which and why, for the caller. */
public class InvalidExceptionFilter extends IllegalArgumentException {

    private final String parameter;

    public InvalidExceptionFilter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The filter at fault: {@code type}, {@code channel}, {@code olderThan}, {@code limit} or {@code cursor}. */
    public String parameter() {
        return parameter;
    }
}
