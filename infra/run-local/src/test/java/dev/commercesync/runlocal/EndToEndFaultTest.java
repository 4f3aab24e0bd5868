package dev.commercesync.runlocal;

import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.demo.DemoOptions;
import dev.commercesync.runlocal.erp.FaultKind;
import dev.commercesync.runlocal.erp.SandboxErp;
import dev.commercesync.runlocal.erp.SandboxErpFaults;
import dev.commercesync.runlocal.lambda.FunctionInstance;
import dev.commercesync.runlocal.lambda.LocalFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline, every function from its own function.zip, under the faults the product promises to survive at
 * once: every delivery repeated (2–3×), an ERP outage, an ERP that creates orders but drops the response, random ERP
 * 503s, and a post-to-erp process killed with SIGKILL while it holds a batch. Every unique valid order must be in the
 * ERP exactly once at its newest version, every invalid one a recorded business exception, nothing lost.
 */
class EndToEndFaultTest {

    private static final List<String> FUNCTIONS = List.of("ingest", "map", "dedupe", "post-to-erp");

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyValidOrderReachesTheErpExactlyOnceThroughDuplicatesOutageLostResponsesAndAKilledFunction()
            throws Exception {
        Path root = RepositoryRoot.locate();
        for (String function : FUNCTIONS) {
            Assumptions.assumeTrue(Files.isRegularFile(root.resolve("functions/" + function + "/target/function.zip")),
                    function + "/target/function.zip is not built; run the full ./mvnw verify");
        }
        RunLocalOptions options = RunLocalOptions.parse(List.of("demo", "--orders", "24", "--seed", "7",
                "--rate", "20", "--duplicate-rate", "1.0", "--out-of-order-rate", "0.3", "--malformed-rate", "0.1",
                "--non-reconciling-rate", "0.1", "--drain-timeout-seconds", "300"));
        LocalStack.Settings settings = new LocalStack.Settings(0, 0, 0, options.shopifySecret(), Optional.empty(),
                SandboxErpFaults.none().withDropResponseAfterCreate(0.25).withErrorRate(0.1),
                // A batch held by the killed process comes back in seconds, not after six minutes.
                options.templateParameters(), Optional.of(Duration.ofSeconds(8)), 0, Duration.ofSeconds(1));

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (LocalStack stack = LocalStack.start(root, settings)) {
            stack.warmUp(Duration.ofSeconds(120));
            AtomicReference<String> killed = new AtomicReference<>();
            Thread killer = new Thread(() -> outageThenKill(stack, killed), "erp-outage-then-sigkill");
            killer.setDaemon(true);
            killer.start();

            DemoSummary summary = new DemoRun(stack, options,
                    new PrintStream(console, true, StandardCharsets.UTF_8)).run();
            killer.join(TimeUnit.SECONDS.toMillis(5));

            SandboxErp erp = stack.erp().orElseThrow();
            System.out.println("End-to-end under faults: " + killed.get() + "; ERP faults injected "
                    + erp.stats().faultsInjected());
            System.out.print(summary.table());

            assertThat(killed.get()).as("a post-to-erp process was killed mid-batch").startsWith("killed");
            assertThat(erp.stats().faultsInjected()).as("the ERP faults really happened")
                    .hasEntrySatisfying(FaultKind.OUTAGE, n -> assertThat(n).isPositive())
                    .hasEntrySatisfying(FaultKind.RESPONSE_DROPPED, n -> assertThat(n).isPositive());
            assertThat(summary.lost()).isZero();
            assertThat(summary.erpDuplicateCreates()).isZero();
            assertThat(summary.erpStaleVersions()).isZero();
            assertThat(summary.erpNotRecorded()).isZero();
            assertThat(summary.dlq()).isZero();
            assertThat(summary.duplicatesSuppressed()).isPositive();
            var expected = DemoFeed.generate(new DemoOptions(options.orders(), options.seed(), options.duplicateRate(),
                    options.outOfOrderRate(), options.malformedRate(), options.nonReconcilingRate(),
                    options.shopifySecret())).expectedSummary();
            long validOrders = expected.uniqueValidOrders();
            assertThat(erp.documents()).hasSize((int) validOrders);
            assertThat(summary.posted()).isEqualTo(validOrders);
            assertThat(summary.erpCreates()).isEqualTo(validOrders);
            assertThat(summary.businessExceptions()).as("non-reconciling orders recorded as MAPPING_FAILED")
                    .isEqualTo(expected.nonReconciling());
            assertThat(summary.rejectedAtIntake()).as("malformed bodies refused at the door")
                    .isEqualTo(expected.malformed());
        } finally {
            System.out.println(console.toString(StandardCharsets.UTF_8).replace('\r', '\n')
                    .lines().filter(l -> !l.isBlank()).filter(l -> !l.contains("draining"))
                    .reduce("", (a, b) -> a + b + "\n"));
        }
    }

    /**
     * Once the ERP has begun to fill, takes it down for a few seconds; then waits until post-to-erp is busy with a
     * batch and SIGKILLs that process.
     */
    private static void outageThenKill(LocalStack stack, AtomicReference<String> killed) {
        SandboxErp erp = stack.erp().orElseThrow();
        LocalFunction postToErp = stack.functions().get("PostToErpFunction");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        boolean outageStarted = false;
        while (System.nanoTime() < deadline) {
            boolean erpFilling = erp.documents().size() >= 3;
            if (erpFilling && !outageStarted) {
                // Longer than a replacement post-to-erp takes to start beside six other functions on two cores, so
                // calls do land in it.
                erp.setFaults(erp.faults().withOutage(SandboxErpFaults.Outage.lasting(Duration.ofSeconds(12),
                        Instant.now())));
                outageStarted = true;
            }
            if (erpFilling) {
                for (FunctionInstance instance : postToErp.instances()) {
                    if (instance.state() == FunctionInstance.State.BUSY) {
                        postToErp.kill(instance);
                        killed.set("killed " + instance.id() + " (pid " + instance.pid() + ") during request "
                                + instance.currentRequestId().orElse("?"));
                        return;
                    }
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
        killed.set("never found post-to-erp busy");
    }
}
