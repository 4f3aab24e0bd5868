package dev.commercesync.runlocal.marketplace;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One HTTP call to the sandbox, read off the exchange.
 *
 * @param rawPath  the path as sent, still percent-encoded, so a SKU holding an encoded {@code /} stays one segment
 * @param rawQuery the query as sent, still encoded; null when there is none
 * @param header   a request header by name, case-insensitive; null when absent
 * @param body     the request body, read in full
 */
record Call(String method, String rawPath, String rawQuery, UnaryOperator<String> header, byte[] body) {

    /** The decoded path segments after {@code prefix} (which must be a prefix of the raw path). */
    List<String> segmentsAfter(String prefix) {
        String rest = rawPath.substring(prefix.length());
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/", -1)) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        return segments;
    }

    /** The query parameters, decoded; the first value wins for a repeated name. */
    Map<String, String> query() {
        return form(rawQuery);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Parses {@code application/x-www-form-urlencoded} text (a query string or a form body). */
    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape: keep it as sent, the lookup then simply finds nothing
        }
    }
}
