package dev.commercesync.pipeline.logging;

import java.util.regex.Pattern;

/**
 * Text fit for a log line. Reasons written for an operator quote the offending value ({@code total_price 'abc' is not
 * a decimal amount}), and a value from an order can be a buyer's name or address; the operator reads the full reason
 * on the order's exception record, the log gets it with the quoted values blanked.
 */
public final class LogText {

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

    private LogText() {
    }

    /** The text with every quoted value ('…' or "…") replaced by an ellipsis; null stays null. */
    public static String withoutQuotedValues(String text) {
        return text == null ? null : QUOTED.matcher(text).replaceAll(match -> match.group().charAt(0) + "…"
                + match.group().charAt(0));
    }
}
