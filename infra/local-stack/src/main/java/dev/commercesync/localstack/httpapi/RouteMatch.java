package dev.commercesync.localstack.httpapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The route API Gateway picked for a request.
 *
 * @param routeKey          {@code POST /v1/orders/{channel}}, or {@code $default}
 * @param pathParameters    the route's path variables, percent-decoded, as API Gateway passes them
 * @param functionLogicalId the function the route's Lambda integration invokes
 */
public record RouteMatch(String routeKey, Map<String, String> pathParameters, String functionLogicalId) {

    public RouteMatch {
        // In the route's order, as they appear in the event.
        pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
    }
}
