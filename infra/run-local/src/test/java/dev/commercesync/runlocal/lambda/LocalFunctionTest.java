package dev.commercesync.runlocal.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.localstack.RepositoryRoot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local Runtime API with AWS's runtime interface client and a real (tiny) deployment package: the outcomes Lambda
 * distinguishes, and the environment lifecycle around them.
 */
class LocalFunctionTest {

    private static final Path STATE = Path.of("target", "local-stack-test").toAbsolutePath();
    private final ObjectMapper json = new ObjectMapper();
    private final List<LocalFunction> started = new ArrayList<>();

    @AfterEach
    void stopFunctions() {
        started.forEach(LocalFunction::close);
    }

    private LocalFunction function(FunctionDefinition definition, int maxInstances) {
        LaunchSettings settings = new LaunchSettings(STATE, ManagedJavaRuntime.locateBuilt(RepositoryRoot.locate()),
                new AwsEndpoints(Map.of())).withMaxInstances(maxInstances);
        LocalFunction function = LocalFunction.start(definition, settings);
        started.add(function);
        return function;
    }

    private LocalFunction scripted(Duration timeout, int maxInstances) {
        return function(ScriptedFunctionPackage.definition(STATE, timeout), maxInstances);
    }

    private static Invocation await(CompletableFuture<Invocation> invocation) throws Exception {
        return invocation.get(30, TimeUnit.SECONDS);
    }

    @Test
    void runsTheHandlerAsTheManagedRuntimeDoes() throws Exception {
        LocalFunction function = scripted(Duration.ofSeconds(10), 1);

        Invocation first = await(function.invoke("\"echo:hello\""));
        Invocation second = await(function.invoke("\"echo:again\""));

        assertThat(first).isInstanceOf(Invocation.Success.class);
        JsonNode seen = json.readTree(((Invocation.Success) first).payload());
        assertThat(seen.path("echo").asText()).isEqualTo("hello");
        assertThat(seen.path("requestId").asText()).isEqualTo(first.requestId());
        assertThat(seen.path("functionName").asText()).isEqualTo("ScriptedFunction");
        assertThat(seen.path("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(seen.path("invokedFunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:ScriptedFunction");
        assertThat(seen.path("memoryLimitInMB").asInt()).isEqualTo(256);
        assertThat(seen.path("remainingTimeInMillis").asLong()).isBetween(1L, 10_000L);
        assertThat(seen.path("logGroupName").asText()).isEqualTo("/aws/lambda/ScriptedFunction");
        // Loaded from the unpacked zip by the RIC's customer class loader, as in Lambda, not from the class path.
        assertThat(seen.path("classLoader").asText()).endsWith("CustomerClassLoader");
        assertThat(seen.path("userDir").asText()).isEqualTo(function.taskRoot().toString());
        assertThat(seen.path("tmpdir").asText()).startsWith(STATE.resolve("tmp").toString());
        assertThat(seen.path("runtimeApi").asText()).startsWith("127.0.0.1:");
        assertThat(seen.path("handlerVariable").asText()).isEqualTo(ScriptedFunctionPackage.HANDLER);
        assertThat(seen.path("region").asText()).isEqualTo("us-east-1");
        assertThat(seen.path("custom").asText()).isEqualTo("from-template");
        // A clean environment: nothing of ours leaks into the function's.
        assertThat(seen.path("home").asText()).isEqualTo("null");

        JsonNode again = json.readTree(((Invocation.Success) second).payload());
        assertThat(again.path("pid").asLong()).isEqualTo(seen.path("pid").asLong());
        assertThat(function.coldStarts()).singleElement().satisfies(coldStart -> {
            assertThat(coldStart.instanceId()).isEqualTo("ScriptedFunction-1");
            assertThat(coldStart.init()).isPositive().isLessThanOrEqualTo(coldStart.toFirstResponse());
        });
    }

    @Test
    void aThrowingHandlerIsAFunctionErrorAndTheEnvironmentStays() throws Exception {
        LocalFunction function = scripted(Duration.ofSeconds(10), 1);

        Invocation failed = await(function.invoke("\"fail:stock service unreachable\""));
        Invocation next = await(function.invoke("\"echo:still here\""));

        assertThat(failed).isInstanceOfSatisfying(Invocation.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.errorMessage()).isEqualTo("stock service unreachable");
            assertThat(error.payload()).contains("\"stackTrace\"");
        });
        assertThat(next).isInstanceOf(Invocation.Success.class);
        assertThat(function.coldStarts()).hasSize(1);
    }

    @Test
    void anInvocationOverItsTimeoutIsCutOffAndTheEnvironmentReplaced() throws Exception {
        LocalFunction function = scripted(Duration.ofSeconds(1), 1);
        await(function.invoke("\"echo:warm\""));
        FunctionInstance first = function.instances().get(0);

        long startedAt = System.nanoTime();
        Invocation slow = await(function.invoke("\"sleep:20000\""));
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

        assertThat(slow).isEqualTo(new Invocation.Timeout(slow.requestId(), Duration.ofSeconds(1)));
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        first.process().onExit().get(5, TimeUnit.SECONDS);
        Invocation after = await(function.invoke("\"echo:fresh\""));
        assertThat(after).isInstanceOf(Invocation.Success.class);
        assertThat(function.instances()).extracting(FunctionInstance::id).containsExactly("ScriptedFunction-2");
    }

    @Test
    void aProcessKilledMidInvocationCrashesItAndIsReplaced() throws Exception {
        LocalFunction function = scripted(Duration.ofSeconds(30), 1);
        await(function.invoke("\"echo:warm\""));
        FunctionInstance victim = function.instances().get(0);

        CompletableFuture<Invocation> slow = function.invoke("\"sleep:20000\"");
        awaitState(victim, FunctionInstance.State.BUSY);
        function.kill(victim);
        Invocation exited = await(function.invoke("\"exit:3\""));

        assertThat(await(slow)).isEqualTo(new Invocation.Crashed(slow.get().requestId(),
                "Runtime exited with error: signal: killed"));
        assertThat(exited).isEqualTo(new Invocation.Crashed(exited.requestId(),
                "Runtime exited with error: exit status 3"));
        assertThat(await(function.invoke("\"echo:after\""))).isInstanceOf(Invocation.Success.class);
        assertThat(function.instances()).extracting(FunctionInstance::id).containsExactly("ScriptedFunction-3");
    }

    @Test
    void anInitFailureFailsTheInvocationThatWaitedForIt() throws Exception {
        LocalFunction function = function(ScriptedFunctionPackage.definition(STATE, Duration.ofSeconds(10))
                .withHandler(ScriptedFunction.BrokenInit.class.getName() + "::handleRequest"), 1);

        Invocation invocation = await(function.invoke("\"echo:never\""));

        assertThat(invocation).isInstanceOfSatisfying(Invocation.FunctionError.class, error -> {
            assertThat(error.errorMessage()).contains("configuration missing");
        });
        assertThat(function.coldStarts()).isEmpty();
    }

    @Test
    void startsEnvironmentsOnDemandUpToItsMaximum() throws Exception {
        LocalFunction function = scripted(Duration.ofSeconds(30), 2);

        List<CompletableFuture<Invocation>> invocations = List.of(function.invoke("\"sleep:1500\""),
                function.invoke("\"sleep:1500\""), function.invoke("\"sleep:1500\""));
        awaitState(function, 2);
        int peak = function.instances().size();
        for (CompletableFuture<Invocation> invocation : invocations) {
            assertThat(await(invocation)).isEqualTo(new Invocation.Success(invocation.get().requestId(), "\"slept\""));
        }

        assertThat(peak).isEqualTo(2);
        assertThat(function.instances()).hasSize(2);
        assertThat(function.coldStarts()).hasSize(2);
    }

    @Test
    void aClosedFunctionTakesNoInvocations() {
        LocalFunction function = scripted(Duration.ofSeconds(10), 1);
        function.close();

        assertThatThrownBy(() -> function.invoke("\"echo:late\"").get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("closed");
    }

    @Test
    void itsProcessesDieWithThisJvmEvenWhenItIsKilledOutright() throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + RepositoryRoot.SYSTEM_PROPERTY + "=" + RepositoryRoot.locate(),
                OrphanProbe.class.getName(), STATE.resolve("orphan-probe").toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                StandardCharsets.UTF_8))) {
            long child = out.lines().filter(line -> line.startsWith("CHILD ")).findFirst()
                    .map(line -> Long.parseLong(line.substring("CHILD ".length())))
                    .orElseThrow(() -> new AssertionError("the probe JVM never reported its function process"));
            ProcessHandle function = ProcessHandle.of(child).orElseThrow();

            probe.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            function.onExit().get(10, TimeUnit.SECONDS);
            assertThat(function.isAlive()).isFalse();
        } finally {
            probe.destroyForcibly();
        }
    }

    private static void awaitState(FunctionInstance instance, FunctionInstance.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (instance.state() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(instance + " never became " + state);
            }
            Thread.sleep(5);
        }
    }

    private static void awaitState(LocalFunction function, int busy) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (function.instances().stream().filter(i -> i.state() == FunctionInstance.State.BUSY).count() < busy) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(function + " never had " + busy + " busy environments");
            }
            Thread.sleep(5);
        }
    }
}
