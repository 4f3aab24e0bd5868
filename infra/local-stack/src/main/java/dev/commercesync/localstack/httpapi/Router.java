package dev.commercesync.localstack.httpapi;

import java.util.Map;
import java.util.Optional;

/** How an HTTP API picks a route for a request: from a template's routes, or one catch-all route. */
@FunctionalInterface
public interface Router {

    /** The route API Gateway would pick; empty when none matches, which API Gateway answers with 404. */
    Optional<RouteMatch> route(String method, String rawPath);

    /**
     * A route key of which some requests at or below {@code pathPrefix} would no longer reach the API if another
     * handler were mounted there; the catch-all {@code $default} route does not count.
     */
    default Optional<String> routeUnder(String pathPrefix) {
        return Optional.empty();
    }

    /** Every request to one function through the {@code $default} route, as an API with no other route does. */
    static Router catchAll(String functionLogicalId) {
        RouteMatch match = new RouteMatch("$default", Map.of(), functionLogicalId);
        return (method, rawPath) -> Optional.of(match);
    }
}
