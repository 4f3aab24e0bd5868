package dev.commercesync.runlocal.http;

import dev.commercesync.localstack.SamTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API ({@code AWS::Serverless::HttpApi}) and its routes, gathered from the {@code HttpApi} events of the
 * template's functions.
 *
 * @param apiId what {@code requestContext.apiId} says: derived from the logical id, ten lower-case characters
 *              like a real API id
 */
public record HttpApiDefinition(String logicalId, String apiId, List<HttpRoute> routes) {

    /** SAM's implicit API, for events without an {@code ApiId}. */
    public static final String IMPLICIT_API = "ServerlessHttpApi";
    private static final Comparator<HttpRoute> MORE_SPECIFIC = (a, b) -> Arrays.compare(a.specificity(),
            b.specificity());

    public HttpApiDefinition {
        routes = List.copyOf(routes);
        List<String> keys = routes.stream().map(HttpRoute::routeKey).toList();
        if (keys.stream().distinct().count() != keys.size()) {
            throw new IllegalArgumentException(logicalId + " declares a route twice: " + keys);
        }
    }

    /** The API's routes: every {@code HttpApi} event naming it (or, for {@link #IMPLICIT_API}, naming none). */
    public static HttpApiDefinition fromTemplate(SamTemplate template, String apiLogicalId) {
        List<HttpRoute> routes = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.HttpApiEvent event : function.httpApiEvents()) {
                if (event.apiLogicalId().orElse(IMPLICIT_API).equals(apiLogicalId)) {
                    routes.add(new HttpRoute(event.method(), event.path(), function.logicalId()));
                }
            }
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no function has an HttpApi event on " + apiLogicalId);
        }
        return new HttpApiDefinition(apiLogicalId, apiIdFor(apiLogicalId), routes);
    }

    /** The route API Gateway would pick for the request, if any. */
    public Optional<MatchedRoute> route(String method, String rawPath) {
        Optional<MatchedRoute> best = Optional.empty();
        for (HttpRoute route : routes) {
            Optional<MatchedRoute> match = route.match(method, rawPath).map(p -> new MatchedRoute(route, p));
            if (match.isPresent() && (best.isEmpty() || MORE_SPECIFIC.compare(route, best.get().route()) > 0)) {
                best = match;
            }
        }
        return best;
    }

    private static String apiIdFor(String logicalId) {
        String letters = logicalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return (letters + "0000000000").substring(0, 10);
    }

    /** A route with the path parameters the request gave it. */
    public record MatchedRoute(HttpRoute route, Map<String, String> pathParameters) {
    }
}
