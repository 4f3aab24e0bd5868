package dev.commercesync.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Runtime API as a runtime sees it, with this test as the runtime (AWS's RIC and Quarkus' poll loop speak the
 * same HTTP) and an {@link InvocationQueue} behind it.
 */
class RuntimeApiServerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    private RuntimeApiServer serve(String prefix, InvocationQueue queue) {
        started.add(queue);
        RuntimeApiServer server = RuntimeApiServer.start(prefix, queue, "runtime-api-test");
        started.add(server);
        return server;
    }

    private HttpResponse<String> call(RuntimeApiServer server, String method, String path, String body,
                                      String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + server.address() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code /next}, as a runtime calls it between invocations: the request id of what it took. */
    private String takeNext(RuntimeApiServer server) throws Exception {
        HttpResponse<String> next = call(server, "GET", "/2018-06-01/runtime/invocation/next", null);
        assertThat(next.statusCode()).isEqualTo(200);
        return next.headers().firstValue("lambda-runtime-aws-request-id").orElseThrow();
    }

    @Test
    void aRuntimeTakesAnInvocationAndPostsItsResponse() throws Exception {
        InvocationQueue queue = new InvocationQueue("MapFunction", Duration.ofSeconds(15));
        RuntimeApiServer server = serve("", queue);
        CompletableFuture<String> answer = queue.submit("{\"order\":1}");

        HttpResponse<String> next = call(server, "GET", "/2018-06-01/runtime/invocation/next", null);

        assertThat(server.address()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"order\":1}");
        assertThat(next.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(next.headers().firstValue("lambda-runtime-invoked-function-arn"))
                .hasValue("arn:aws:lambda:us-east-1:000000000000:function:MapFunction");
        assertThat(Long.parseLong(next.headers().firstValue("lambda-runtime-deadline-ms").orElseThrow()))
                .isBetween(System.currentTimeMillis() + 10_000, System.currentTimeMillis() + 15_000);
        assertThat(next.headers().firstValue("lambda-runtime-trace-id")).isEmpty();
        String requestId = next.headers().firstValue("lambda-runtime-aws-request-id").orElseThrow();
        assertThat(answer).isNotDone();

        HttpResponse<String> posted = call(server, "POST", "/2018-06-01/runtime/invocation/" + requestId
                + "/response", "{\"mapped\":true}");

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("{\"mapped\":true}");
        HttpResponse<String> again = call(server, "POST", "/2018-06-01/runtime/invocation/" + requestId
                + "/response", "{}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json.readTree(again.body()).path("errorType").asText()).isEqualTo("InvalidRequestID");
    }

    @Test
    void quarkusTestPollLoopFindsTheApiBelowItsPrefix() throws Exception {
        InvocationQueue queue = new InvocationQueue("under-test", Duration.ofMinutes(1));
        RuntimeApiServer server = serve(RuntimeApiServer.QUARKUS_TEST_PREFIX, queue);
        queue.submit("{}");

        assertThat(server.address()).isEqualTo("127.0.0.1:" + server.port() + "/_lambda_");
        assertThat(call(server, "GET", "/2018-06-01/runtime/invocation/next", null).statusCode()).isEqualTo(200);
        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/2018-06-01/runtime/invocation/next"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(404);
    }

    @Test
    void anErrorFailsTheInvocationWithTheRuntimesReport() throws Exception {
        InvocationQueue queue = new InvocationQueue("PostToErpFunction", Duration.ofSeconds(30));
        RuntimeApiServer server = serve("", queue);
        CompletableFuture<String> answer = queue.submit("{}");
        String requestId = takeNext(server);

        HttpResponse<String> posted = call(server, "POST", "/2018-06-01/runtime/invocation/" + requestId + "/error",
                "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}",
                "Lambda-Runtime-Function-Error-Type", "Unhandled");

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(answer).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(IllegalStateException.class)
                .withMessageContaining("boom")
                .asInstanceOf(InstanceOfAssertFactories.type(InvocationQueue.FunctionError.class))
                .extracting(InvocationQueue.FunctionError::errorType).isEqualTo(Optional.of("Unhandled"));
    }

    @Test
    void aResponseOverLambdasLimitFailsTheInvocation() throws Exception {
        InvocationQueue queue = new InvocationQueue("MapFunction", Duration.ofSeconds(30));
        CompletableFuture<String> answer = queue.submit("{}");
        RuntimeApiServer server = serve("", queue);
        String requestId = takeNext(server);

        HttpResponse<String> posted = call(server, "POST", "/2018-06-01/runtime/invocation/" + requestId
                + "/response", "x".repeat(RuntimeApiServer.MAX_RESPONSE_BYTES + 1));

        assertThat(posted.statusCode()).isEqualTo(413);
        assertThat(answer).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(InvocationQueue.FunctionError.class);
    }

    @Test
    void aWithdrawnInvocationIsNeverHandedOutAndARequeuedOneIsHandedOutAgain() throws Exception {
        InvocationQueue queue = new InvocationQueue("IngestFunction", Duration.ofSeconds(30));
        RuntimeApiServer server = serve(RuntimeApiServer.QUARKUS_TEST_PREFIX, queue);
        queue.submit("{\"n\":1}").cancel(false);
        queue.submit("{\"n\":2}");

        HttpResponse<String> first = call(server, "GET", "/2018-06-01/runtime/invocation/next", null);
        assertThat(first.body()).isEqualTo("{\"n\":2}");
        String requestId = first.headers().firstValue("lambda-runtime-aws-request-id").orElseThrow();
        assertThat(call(server, "POST", "/2018-06-01/runtime/invocation/" + requestId + "/requeue", "")
                .statusCode()).isEqualTo(202);

        HttpResponse<String> second = call(server, "GET", "/2018-06-01/runtime/invocation/next", null);
        assertThat(second.body()).isEqualTo("{\"n\":2}");
        assertThat(second.headers().firstValue("lambda-runtime-aws-request-id")).hasValue(requestId);
    }

    @Test
    void aClosedQueueTellsTheRuntimeItsEnvironmentIsShuttingDown() throws Exception {
        InvocationQueue queue = new InvocationQueue("DedupeFunction", Duration.ofSeconds(30));
        RuntimeApiServer server = serve("", queue);
        CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://" + server.address() + "/2018-06-01/runtime/invocation/next"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        assertThat(waiting).as("a long poll").isNotDone();

        queue.close();

        HttpResponse<String> next = waiting.get(5, TimeUnit.SECONDS);
        assertThat(next.statusCode()).isEqualTo(503);
        assertThat(queue.submit("{}")).isCompletedExceptionally();
    }

    @Test
    void whatIsNotTheRuntimeApiIsRefused() throws Exception {
        RuntimeApiServer server = serve("", new InvocationQueue("MapFunction", Duration.ofSeconds(30)));

        HttpResponse<String> wrongMethod = call(server, "POST", "/2018-06-01/runtime/invocation/next", "");
        HttpResponse<String> unknown = call(server, "POST", "/2018-06-01/runtime/invocation/x/status", "");
        HttpResponse<String> initError = call(server, "POST", "/2018-06-01/runtime/init/error",
                "{\"errorMessage\":\"no handler\"}");

        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = json.readTree(unknown.body());
        assertThat(error.path("errorType").asText()).isEqualTo("NotFound");
        assertThat(initError.statusCode()).isEqualTo(202);
    }
}
