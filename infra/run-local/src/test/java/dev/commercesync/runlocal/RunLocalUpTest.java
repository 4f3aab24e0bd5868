package dev.commercesync.runlocal;

import dev.commercesync.localstack.RepositoryRoot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run-local up} as a user runs it: its own process, a READY line naming the endpoints, the HTTP API and the
 * sandbox ERP answering on 127.0.0.1, and nothing left running after SIGTERM.
 */
class RunLocalUpTest {

    private static final Pattern READY = Pattern.compile("^READY api=(http://127\\.0\\.0\\.1:\\d+) erp=(http://127\\.0\\.0\\.1:\\d+)");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void upServesTheApiAndTheSandboxErpOnLoopbackUntilStopped() throws Exception {
        Path root = RepositoryRoot.locate();
        for (String function : List.of("ingest", "map", "dedupe", "post-to-erp")) {
            Assumptions.assumeTrue(Files.isRegularFile(root.resolve("functions/" + function + "/target/function.zip")),
                    function + "/target/function.zip is not built; run the full ./mvnw verify");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process up = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunLocal.class.getName(), "up", "--api-port", "0", "--erp-port", "0", "--otlp-port", "0")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(up.getInputStream(),
                StandardCharsets.UTF_8))) {
            Matcher ready = null;
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    ready = m;
                    break;
                }
            }
            assertThat(ready).as("a READY line naming the endpoints").isNotNull();
            // Keep reading, so the process never blocks on a full pipe while the test talks to it.
            Thread drain = new Thread(() -> {
                try {
                    output.lines().forEach(line -> { });
                } catch (UncheckedIOException closedByTheTest) {
                    // The test closed the stream on its way out: the output has ended either way.
                }
            }, "run-local-up-output");
            drain.setDaemon(true);
            drain.start();

            HttpClient http = HttpClient.newHttpClient();
            // The operator API demands the local stack's bearer token (in AWS, IAM guards the route instead).
            HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(
                    URI.create(ready.group(1) + "/v1/orders/shopify/1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withoutToken.statusCode()).isEqualTo(401);
            HttpResponse<String> unknownOrder = http.send(HttpRequest.newBuilder(
                            URI.create(ready.group(1) + "/v1/orders/shopify/1"))
                    .header("Authorization", "Bearer " + RunLocalOptions.LOCAL_OPERATOR_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknownOrder.statusCode()).isEqualTo(404);
            assertThat(unknownOrder.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));

            HttpResponse<String> erpOrders = http.send(HttpRequest.newBuilder(
                    URI.create(ready.group(2) + "/sandbox/erp/sales-orders")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(erpOrders.statusCode()).isEqualTo(200);
            assertThat(erpOrders.body()).contains("\"items\"");

            List<ProcessHandle> children = up.descendants().toList();
            assertThat(children).as("emulators and function processes").isNotEmpty();

            up.destroy(); // SIGTERM, as Ctrl-C or a service manager would stop it
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("stops within a minute").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("child %s stopped", child.pid()).isFalse();
            }
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }
}
