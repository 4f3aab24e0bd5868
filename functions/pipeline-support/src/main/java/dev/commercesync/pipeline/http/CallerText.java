package dev.commercesync.pipeline.http;

/** Text the caller sent (a path segment, say), made safe to echo in an error detail. */
public final class CallerText {

    private static final int MAX_ECHO = 40;

    private CallerText() {
    }

    /** Quoted, printable ASCII only, shortened: a detail must not carry control characters or a whole payload back. */
    public static String quote(String text) {
        if (text == null) {
            return "''";
        }
        String printable = text.chars().filter(c -> c >= 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + (printable.length() <= MAX_ECHO ? printable : printable.substring(0, MAX_ECHO) + "...") + "'";
    }
}
