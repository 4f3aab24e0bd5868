package dev.commercesync.ingest.testing;

import dev.commercesync.localstack.httpapi.HttpApiServer;
import dev.commercesync.localstack.httpapi.Router;
import dev.commercesync.localstack.lambda.InvocationQueue;
import dev.commercesync.localstack.lambda.RuntimeApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * API Gateway HTTP API and the Lambda Runtime API on 127.0.0.1, so tests reach the function the way AWS does: an
 * HTTP request becomes a payload-format-2.0 event, the function takes it from {@code /runtime/invocation/next} and
 * posts its answer back, and that answer becomes the HTTP response. Both are local-stack's, as in {@code ./run-local};
 * here every request goes to the function through the {@code $default} route, so that the function, not the API,
 * answers paths and methods it does not serve.
 * <p>
 * Quarkus ships such a server (its mock event server) but binds it to every interface with no way to change that;
 * our test machines only allow loopback listeners. {@code application.properties} therefore switches it off in tests,
 * and this resource points the function's runtime client ({@code quarkus-internal.aws-lambda.test-api}) and
 * RestAssured ({@code quarkus.lambda.mock-event-server.test-port}) here instead.
 */
public class LocalHttpApi implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(LocalHttpApi.class);
    private static final String FUNCTION = "IngestFunction";

    private InvocationQueue invocations;
    private RuntimeApiServer runtimeApi;
    private HttpApiServer httpApi;

    @Override
    public Map<String, String> start() {
        invocations = new InvocationQueue(FUNCTION, HttpApiServer.INTEGRATION_TIMEOUT);
        runtimeApi = RuntimeApiServer.start(RuntimeApiServer.QUARKUS_TEST_PREFIX, invocations, "ingest-runtime-api");
        httpApi = HttpApiServer.start("local", Router.catchAll(FUNCTION),
                (function, event) -> invocations.submit(event), 0, HttpApiServer.INTEGRATION_TIMEOUT);
        LOG.infof("HTTP API on %s, Lambda Runtime API on %s", httpApi.baseUri(), runtimeApi.address());
        return Map.of(
                "quarkus-internal.aws-lambda.test-api", runtimeApi.address(),
                "quarkus.lambda.mock-event-server.test-port", Integer.toString(httpApi.port()));
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
