package dev.commercesync.runlocal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One route of an HTTP API: {@code METHOD /path/{param}/{greedy+}} (or {@code $default}) to a function.
 *
 * @param method           upper case, or {@code ANY}
 * @param path             the template's {@code Path}; {@code /$default} or {@code $default} is the catch-all route
 */
public record HttpRoute(String method, String path, String functionLogicalId) {

    private static final String DEFAULT = "$default";

    public HttpRoute {
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        method = method.toUpperCase(Locale.ROOT);
        if (!isDefault(path) && !path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with '/': " + path);
        }
        List<String> segments = segments(path);
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).endsWith("+}") && i != segments.size() - 1) {
                throw new IllegalArgumentException("a greedy path variable must come last: " + path);
            }
        }
    }

    /** API Gateway's route key: {@code POST /v1/orders/{channel}}, or {@code $default}. */
    public String routeKey() {
        return isDefault(path) ? DEFAULT : method + " " + path;
    }

    boolean isCatchAll() {
        return isDefault(path);
    }

    /**
     * Whether some request path at or below {@code prefix} could match this route (the catch-all route excepted:
     * mounting anything hides part of it by design).
     */
    boolean couldServeUnder(String prefix) {
        if (isCatchAll()) {
            return false;
        }
        List<String> mount = segments(prefix);
        List<String> route = segments(path);
        for (int i = 0; i < mount.size(); i++) {
            if (i >= route.size()) {
                return false;
            }
            String part = route.get(i);
            if (part.endsWith("+}")) {
                return true;
            }
            if (!part.startsWith("{") && !part.equals(mount.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Path parameters if {@code rawPath} matches (values percent-decoded, as API Gateway passes them). */
    Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        if (!method.equals("ANY") && !method.equals(requestMethod)) {
            return Optional.empty();
        }
        if (isCatchAll()) {
            return Optional.of(Map.of());
        }
        List<String> pattern = segments(path);
        List<String> actual = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String part = pattern.get(i);
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i >= actual.size()) {
                    return Optional.empty();
                }
                parameters.put(part.substring(1, part.length() - 2),
                        decode(String.join("/", actual.subList(i, actual.size()))));
                return Optional.of(Collections.unmodifiableMap(parameters));
            }
            if (i >= actual.size()) {
                return Optional.empty();
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                if (actual.get(i).isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(part.substring(1, part.length() - 1), decode(actual.get(i)));
            } else if (!part.equals(actual.get(i))) {
                return Optional.empty();
            }
        }
        return pattern.size() == actual.size() ? Optional.of(Collections.unmodifiableMap(parameters))
                : Optional.empty();
    }

    /**
     * How specific the route is, for API Gateway's choice among several matches: more literal segments first, then
     * fewer variables, greedy variables and {@code $default} last, then a named method over {@code ANY}.
     */
    int[] specificity() {
        if (isCatchAll()) {
            return new int[] {-1, 0, 0, 0};
        }
        List<String> segments = segments(path);
        int literal = (int) segments.stream().filter(s -> !s.startsWith("{")).count();
        int greedy = (int) segments.stream().filter(s -> s.endsWith("+}")).count();
        return new int[] {greedy == 0 ? 1 : 0, literal, -(segments.size() - literal), method.equals("ANY") ? 0 : 1};
    }

    private static boolean isDefault(String path) {
        return path.equals(DEFAULT) || path.equals("/" + DEFAULT);
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>(List.of(path.substring(1).split("/", -1)));
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
            // A trailing slash is not a segment of its own.
            segments.remove(segments.size() - 1);
        }
        return segments;
    }

    private static String decode(String raw) {
        // Path segments: '+' is a plus, not a space.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
