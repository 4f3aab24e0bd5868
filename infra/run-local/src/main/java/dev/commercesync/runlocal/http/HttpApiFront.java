package dev.commercesync.runlocal.http;

import com.sun.net.httpserver.HttpHandler;
import dev.commercesync.localstack.httpapi.HttpApiServer;
import dev.commercesync.localstack.httpapi.RouteMatch;
import dev.commercesync.localstack.httpapi.Router;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.Invocation;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * API Gateway's HTTP API in front of the local functions, on 127.0.0.1: the template's routes
 * ({@link HttpApiDefinition}) to the functions that serve them. What API Gateway does with a request, the event and
 * the response it makes and what it answers itself, is local-stack's {@link HttpApiServer}; here a route's function
 * is a {@link FunctionInvoker}, and every {@link Invocation} but a {@link Invocation.Success} (an error, crash or
 * timeout of the function) is what API Gateway answers with 500.
 *
 * <p>Not emulated: the {@code AWS_IAM} authorizer of a route (requests are not SigV4-checked), CORS, custom domains
 * and stages other than {@code $default}.
 */
public final class HttpApiFront implements AutoCloseable {

    /** HTTP APIs' maximum integration timeout. */
    public static final Duration INTEGRATION_TIMEOUT = HttpApiServer.INTEGRATION_TIMEOUT;
    private static final System.Logger LOG = System.getLogger(HttpApiFront.class.getName());

    private final HttpApiDefinition api;
    private final HttpApiServer server;
    private final ConcurrentMap<String, LongAdder> requestsByRoute;

    private HttpApiFront(HttpApiDefinition api, HttpApiServer server, ConcurrentMap<String, LongAdder> requestsByRoute) {
        this.api = api;
        this.server = server;
        this.requestsByRoute = requestsByRoute;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: a free port).
     *
     * @param functions function logical id to the function, one for every function the API's routes name
     */
    public static HttpApiFront start(HttpApiDefinition api, Map<String, FunctionInvoker> functions, int port) {
        return start(api, functions, port, INTEGRATION_TIMEOUT);
    }

    public static HttpApiFront start(HttpApiDefinition api, Map<String, FunctionInvoker> functions, int port,
                                     Duration integrationTimeout) {
        for (HttpRoute route : api.routes()) {
            if (!functions.containsKey(route.functionLogicalId())) {
                throw new IllegalArgumentException("route " + route.routeKey() + " goes to "
                        + route.functionLogicalId() + ", which was not given (given: " + functions.keySet() + ")");
            }
        }
        Map<String, FunctionInvoker> invokers = Map.copyOf(functions);
        ConcurrentMap<String, LongAdder> requestsByRoute = new ConcurrentHashMap<>();
        HttpApiServer server = HttpApiServer.start(api.apiId(), new TemplateRoutes(api, requestsByRoute),
                (functionLogicalId, event) -> answer(invokers.get(functionLogicalId), event), port,
                integrationTimeout);
        HttpApiFront front = new HttpApiFront(api, server, requestsByRoute);
        LOG.log(Level.INFO, "HTTP API {0} on {1}: {2}", api.logicalId(), front.baseUri(),
                api.routes().stream().map(HttpRoute::routeKey).toList());
        return front;
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public int port() {
        return server.port();
    }

    public HttpApiDefinition api() {
        return api;
    }

    /**
     * Serves {@code pathPrefix} and everything below it ({@code /status}, {@code /status/...}, not
     * {@code /statusx}) with {@code handler} on the same port, ahead of the API's routes.
     *
     * @throws IllegalArgumentException if the prefix is taken or would hide one of the API's routes
     */
    public void mount(String pathPrefix, HttpHandler handler) {
        server.mount(pathPrefix, handler);
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * Requests that matched one of the API's routes, by route key ({@code POST /v1/orders/{channel}}): what API
     * Gateway bills an HTTP API for (one request per 512 KB). Requests for mounted pages such as the status page are
     * not counted; they are not part of the deployed API.
     */
    public Map<String, Long> requestsByRoute() {
        Map<String, Long> counts = new TreeMap<>();
        requestsByRoute.forEach((route, count) -> counts.put(route, count.sum()));
        return counts;
    }

    /** For a status page: the routes and what is mounted. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(api.routes().stream()
                .map(r -> r.routeKey() + " -> " + r.functionLogicalId()).toList());
        server.mounted().forEach(prefix -> lines.add(prefix + " (mounted)"));
        return lines;
    }

    /** The function's answer if it succeeded; cancelling the answer withdraws an invocation that has not run. */
    private static CompletableFuture<String> answer(FunctionInvoker function, String event) {
        CompletableFuture<Invocation> invocation = function.invoke(event);
        CompletableFuture<String> answer = invocation.thenApply(outcome -> {
            if (outcome instanceof Invocation.Success success) {
                return success.payload();
            }
            throw new IllegalStateException(outcome.toString());
        });
        answer.whenComplete((payload, failure) -> {
            if (answer.isCancelled()) {
                invocation.cancel(false);
            }
        });
        return answer;
    }

    /** The template's routes, as API Gateway picks among them; counts each request a route takes. */
    private record TemplateRoutes(HttpApiDefinition api, ConcurrentMap<String, LongAdder> requests) implements Router {

        @Override
        public Optional<RouteMatch> route(String method, String rawPath) {
            Optional<RouteMatch> match = api.route(method, rawPath).map(matched -> new RouteMatch(
                    matched.route().routeKey(), matched.pathParameters(), matched.route().functionLogicalId()));
            match.ifPresent(m -> requests.computeIfAbsent(m.routeKey(), k -> new LongAdder()).increment());
            return match;
        }

        @Override
        public Optional<String> routeUnder(String pathPrefix) {
            return api.routes().stream().filter(route -> route.couldServeUnder(pathPrefix)).map(HttpRoute::routeKey)
                    .findFirst();
        }
    }
}
