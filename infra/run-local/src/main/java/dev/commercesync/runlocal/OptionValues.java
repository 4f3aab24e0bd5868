package dev.commercesync.runlocal;

import java.util.Deque;

/**
 * The option values every {@code ./run-local} command parses by hand ({@link RunLocalOptions}, the bench's and the
 * cold start's options): one place for what a flag's value must look like and the message when it does not.
 */
public final class OptionValues {

    private OptionValues() {
    }

    /** The value after a flag given as {@code --flag value}. */
    public static String next(Deque<String> rest, String flag) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.removeFirst();
    }

    /** {@code Name} of a {@code --parameter Name=Value}. */
    public static String parameterName(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--parameter takes Name=Value, not " + assignment);
        }
        return assignment.substring(0, eq);
    }

    public static String parameterValue(String assignment) {
        return assignment.substring(assignment.indexOf('=') + 1);
    }

    public static int positiveInt(String flag, String value) {
        int n = wholeNumber(flag, value);
        if (n <= 0) {
            throw new IllegalArgumentException(flag + " must be > 0");
        }
        return n;
    }

    public static int nonNegativeInt(String flag, String value) {
        int n = wholeNumber(flag, value);
        if (n < 0) {
            throw new IllegalArgumentException(flag + " must be ≥ 0");
        }
        return n;
    }

    public static double positive(String flag, String value) {
        double d = Double.parseDouble(value);
        if (d <= 0) {
            throw new IllegalArgumentException(flag + " must be > 0");
        }
        return d;
    }

    public static double share(String flag, String value) {
        double d = Double.parseDouble(value);
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException(flag + " must be between 0 and 1");
        }
        return d;
    }

    public static int port(String flag, String value) {
        int p = wholeNumber(flag, value);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(flag + " must be a port number (0 = any free port)");
        }
        return p;
    }

    private static int wholeNumber(String flag, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " is not a whole number: " + value);
        }
    }
}
