package dev.commercesync.pipeline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.localstack.httpapi.HttpApiServer;
import dev.commercesync.localstack.httpapi.Router;
import dev.commercesync.localstack.lambda.InvocationQueue;
import dev.commercesync.localstack.lambda.RuntimeApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * API Gateway HTTP API and the Lambda Runtime API on 127.0.0.1, so tests reach an HTTP function the way AWS does: an
 * HTTP request becomes a payload-format-2.0 event, the function takes it from {@code /runtime/invocation/next} and
 * posts its answer back, and that answer becomes the HTTP response. Both are local-stack's, as in {@code ./run-local};
 * here every request goes to the function through the {@code $default} route, so that the function, not the API,
 * answers paths and methods it does not serve.
 * <p>
 * Quarkus ships such a server (its mock event server) but binds it to every interface with no way to change that;
 * our test machines only allow loopback listeners. {@code application.properties} therefore switches it off in tests,
 * and this resource points the function's runtime client ({@code quarkus-internal.aws-lambda.test-api}) and
 * RestAssured ({@code quarkus.lambda.mock-event-server.test-port}) here instead.
 * <p>
 * Routes with the {@code AWS_IAM} authorizer get the caller from API Gateway in
 * {@code requestContext.authorizer.iam}; local-stack does not sign-check, so a test plays the authorizer by sending
 * {@value #IAM_CALLER_HEADER}: its value becomes {@code requestContext.authorizer.iam.userArn} and the header is
 * dropped from the event.
 */
public class LocalHttpApi implements QuarkusTestResourceLifecycleManager {

    /** Test-only stand-in for what API Gateway's IAM authorizer puts in the request context. */
    public static final String IAM_CALLER_HEADER = "x-test-iam-caller-arn";

    private static final Logger LOG = Logger.getLogger(LocalHttpApi.class);
    private static final String FUNCTION = "FunctionUnderTest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InvocationQueue invocations;
    private RuntimeApiServer runtimeApi;
    private HttpApiServer httpApi;

    @Override
    public Map<String, String> start() {
        invocations = new InvocationQueue(FUNCTION, HttpApiServer.INTEGRATION_TIMEOUT);
        runtimeApi = RuntimeApiServer.start(RuntimeApiServer.QUARKUS_TEST_PREFIX, invocations, "test-runtime-api");
        httpApi = HttpApiServer.start("local", Router.catchAll(FUNCTION),
                (function, event) -> invocations.submit(asIamAuthorized(event)), 0, HttpApiServer.INTEGRATION_TIMEOUT);
        LOG.infof("HTTP API on %s, Lambda Runtime API on %s", httpApi.baseUri(), runtimeApi.address());
        return Map.of(
                "quarkus-internal.aws-lambda.test-api", runtimeApi.address(),
                "quarkus.lambda.mock-event-server.test-port", Integer.toString(httpApi.port()));
    }

    private static String asIamAuthorized(String event) {
        if (!event.contains(IAM_CALLER_HEADER)) {
            return event;
        }
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(event);
            ObjectNode headers = object(root, "headers");
            String arn = headers.path(IAM_CALLER_HEADER).asText(null);
            if (arn == null) {
                return event;
            }
            headers.remove(IAM_CALLER_HEADER);
            object(object(object(root, "requestContext"), "authorizer"), "iam")
                    .put("userArn", arn)
                    .put("accountId", "000000000000")
                    .put("callerId", "AIDATESTCALLER");
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode child ? child : parent.putObject(name);
    }

    @Override
    public void stop() {
        if (httpApi != null) {
            httpApi.close();
        }
        if (invocations != null) {
            invocations.close();
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
    }
}
