package dev.commercesync.pipeline.logging;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.Map;
import java.util.TreeMap;

/**
 * Quarkus' JSON log line with the MDC written as top-level fields ({@code "orderKey":"shopify:1001"}) instead of one
 * nested {@code "mdc"} object, so CloudWatch Logs Insights and metric filters can use them as they are
 * ({@code filter orderKey = "shopify:1001"}). Quarkus 3.33 has no setting for that ({@code mdc.flat-fields} came
 * later), so this wraps the formatter Quarkus configured, which keeps every {@code quarkus.log.console.json.*}
 * setting; {@code excluded-keys=mdc} there keeps the nested copy out.
 */
public final class FlatMdcJsonFormatter extends ExtFormatter {

    private final ExtFormatter configured;

    public FlatMdcJsonFormatter(ExtFormatter configured) {
        this.configured = configured;
    }

    /** The formatter this one wraps, as Quarkus configured it. */
    public ExtFormatter configured() {
        return configured;
    }

    @Override
    public String format(ExtLogRecord record) {
        String line = configured.format(record);
        Map<String, String> mdc = record.getMdcCopy();
        int open = line.indexOf('{');
        if (mdc.isEmpty() || open < 0) {
            return line;
        }
        StringBuilder fields = new StringBuilder();
        // Sorted: lines of one step list their fields in the same order, which is easier to read.
        new TreeMap<>(mdc).forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                fields.append(fields.length() == 0 ? "" : ",").append(quoted(key)).append(':').append(quoted(value));
            }
        });
        if (fields.length() == 0) {
            return line;
        }
        int next = open + 1;
        while (next < line.length() && Character.isWhitespace(line.charAt(next))) {
            next++;
        }
        boolean emptyObject = next < line.length() && line.charAt(next) == '}';
        return line.substring(0, open + 1) + fields + (emptyObject ? "" : ",") + line.substring(open + 1);
    }

    @Override
    public boolean isCallerCalculationRequired() {
        return configured.isCallerCalculationRequired();
    }

    /** A JSON string literal (RFC 8259 §7). */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
