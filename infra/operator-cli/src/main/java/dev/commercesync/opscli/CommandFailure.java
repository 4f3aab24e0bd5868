package dev.commercesync.opscli;

/** A command that cannot go on, with the exit status that says why (see {@link ExitCodes}). */
public final class CommandFailure extends RuntimeException {

    private final int exitCode;

    private CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message, null);
    }

    public static CommandFailure notFound(String message) {
        return new CommandFailure(ExitCodes.NOT_FOUND, message, null);
    }

    public static CommandFailure environment(String message) {
        return new CommandFailure(ExitCodes.ENVIRONMENT, message, null);
    }

    public static CommandFailure environment(String message, Throwable cause) {
        return new CommandFailure(ExitCodes.ENVIRONMENT, message, cause);
    }

    public static CommandFailure incomplete(String message) {
        return new CommandFailure(ExitCodes.INCOMPLETE, message, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
