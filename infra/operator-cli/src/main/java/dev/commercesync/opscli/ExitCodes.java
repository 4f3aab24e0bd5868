package dev.commercesync.opscli;

/** The exit statuses of {@code ./commerce-ops}, as {@code --help} and the README list them. */
public final class ExitCodes {

    /** Done; for a redrive or retry, everything selected was moved or re-submitted (or nothing matched). */
    public static final int OK = 0;
    /** The command ran but did not finish its work: some messages were not moved, a retry failed. */
    public static final int INCOMPLETE = 1;
    /** Bad usage: unknown option, missing {@code --reason}, ambiguous queue name. Nothing was changed. */
    public static final int USAGE = 2;
    /** What was asked for does not exist: no such queue, order, exception or source queue. */
    public static final int NOT_FOUND = 3;
    /** AWS or the emulators could not be used: no credentials or region, access denied, endpoint unreachable,
     *  table or queue not configured. Nothing was changed. */
    public static final int ENVIRONMENT = 4;

    /** For {@code --help} (picocli turns {@code %n} into line breaks). */
    static final String HELP = "Exit status:%n"
            + "  0  done (redrive/retry: everything selected was moved or re-submitted, or nothing matched)%n"
            + "  1  incomplete: some messages not moved, a retry refused or failed (see the output)%n"
            + "  2  usage error (unknown option, missing --reason, ambiguous queue); nothing was changed%n"
            + "  3  not found (queue, order, exception, source queue)%n"
            + "  4  AWS/emulators unusable (credentials, region, access denied, unreachable, no table); nothing changed";

    private ExitCodes() {
    }
}
