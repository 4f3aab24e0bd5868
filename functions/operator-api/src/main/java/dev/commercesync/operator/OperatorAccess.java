package dev.commercesync.operator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.http.ProblemDetails;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Who may call the operator API, and who they are. In AWS the HTTP API's {@code AWS_IAM} authorizer admits only signed
 * calls and names the caller in the request context; the local stack has no authorizer, so there the function itself
 * demands the configured bearer token. Every route is an operator route: the filter runs before routing, so even an
 * unknown path answers 401 to a caller without the token.
 */
public class OperatorAccess {

    /** The actor of audit records when no IAM caller is known (the local stack, tests). */
    static final String LOCAL_OPERATOR = "local-operator";
    private static final String BEARER = "Bearer ";

    private final byte[] tokenDigest;

    public OperatorAccess(OperatorApiConfig config) {
        this.tokenDigest = config.token().filter(t -> !t.isBlank()).map(OperatorAccess::sha256).orElse(null);
    }

    @ServerRequestFilter(preMatching = true, priority = 2)
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (tokenDigest == null) {
            return Optional.empty();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : null;
        // Digests of equal length, compared in constant time: neither the token's content nor its length leaks.
        if (presented != null && MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            return Optional.empty();
        }
        return Optional.of(Problems.response(ProblemDetails.of("unauthorized", "Unauthorized", 401,
                        "operator routes need 'Authorization: Bearer <token>' with the stack's operator token",
                        request.getUriInfo().getPath(), request.getHeaderString(CorrelationIds.HEADER)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"commerce-sync-operator\"")
                .build());
    }

    /** The IAM caller ARN API Gateway put in the request context, else {@value #LOCAL_OPERATOR}. */
    static String actor(HttpServerRequest request) {
        return actor(requestContext(request));
    }

    static String actor(APIGatewayV2HTTPEvent.RequestContext context) {
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getIam() == null) {
            return LOCAL_OPERATOR;
        }
        String arn = context.getAuthorizer().getIam().getUserArn();
        return arn == null || arn.isBlank() ? LOCAL_OPERATOR : arn;
    }

    /** The HTTP API event's request context, which quarkus-amazon-lambda-http keeps beside the request's headers. */
    private static APIGatewayV2HTTPEvent.RequestContext requestContext(HttpServerRequest request) {
        if (request != null && request.headers() instanceof QuarkusHttpHeaders headers) {
            Object event = headers.getContextObjects().get(APIGatewayV2HTTPEvent.class);
            if (event instanceof APIGatewayV2HTTPEvent httpEvent) {
                return httpEvent.getRequestContext();
            }
        }
        return null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
