package dev.commercesync.runlocal.lambda;

import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The emulators and the template's queues and tables, started once per test JVM and shared by the test classes of
 * this module (starting them takes seconds; the machine is small). Its functions are started at most once too.
 *
 * <p>Two settings differ from a deployment, so redelivery takes seconds instead of minutes:
 * {@code MaxReceiveCount} is 2, and the queues the functions read have a visibility timeout of
 * {@value #VISIBILITY_TIMEOUT_SECONDS} s instead of six times the function timeout.
 */
public final class SharedTestStack {

    public static final int VISIBILITY_TIMEOUT_SECONDS = 6;
    public static final int MAX_RECEIVE_COUNT = 2;
    private static final Map<String, String> PARAMETERS = Map.of(
            "MaxReceiveCount", Integer.toString(MAX_RECEIVE_COUNT),
            "PostToErpMaxReceiveCount", Integer.toString(MAX_RECEIVE_COUNT),
            // No ERP exists in these tests: a loopback port nothing listens on.
            "ErpBaseUrl", "http://127.0.0.1:1/erp-not-configured-in-this-test");
    private static final List<String> CONSUMED_QUEUES = List.of("OrderIntakeQueue", "CanonicalOrderQueue",
            "ErpPostingQueue");
    private static SharedTestStack shared;

    private final Path root;
    private final RunningEmulators emulators;
    private final SqsClient sqs;
    private final ProvisionedStack stack;
    private final Map<String, LocalFunction> functions = new ConcurrentHashMap<>();

    private SharedTestStack(Path root, RunningEmulators emulators, SqsClient sqs, ProvisionedStack stack) {
        this.root = root;
        this.emulators = emulators;
        this.sqs = sqs;
        this.stack = stack;
    }

    public static synchronized SharedTestStack get() {
        if (shared == null) {
            Path root = RepositoryRoot.locate();
            SamTemplate template = SamTemplate.read(RepositoryRoot.template(root)).withParameterValues(PARAMETERS);
            RunningEmulators emulators = LocalEmulators.start(root);
            SqsClient sqs = emulators.newSqsClient();
            try (DynamoDbClient dynamoDb = emulators.newDynamoDbClient()) {
                ProvisionedStack stack = new StackProvisioner(sqs, dynamoDb).provision(template);
                for (String queue : CONSUMED_QUEUES) {
                    sqs.setQueueAttributes(b -> b.queueUrl(stack.queueUrl(queue)).attributes(Map.of(
                            QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS))));
                }
                shared = new SharedTestStack(root, emulators, sqs, stack);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::closeFunctions, "shared-test-stack-stop"));
            } catch (RuntimeException e) {
                emulators.close();
                throw e;
            }
        }
        return shared;
    }

    public ProvisionedStack stack() {
        return stack;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public RunningEmulators emulators() {
        return emulators;
    }

    public Path stateDirectory() {
        return Path.of("target", "local-stack").toAbsolutePath();
    }

    public LaunchSettings launchSettings(int maxInstances) {
        return new LaunchSettings(stateDirectory(), ManagedJavaRuntime.locateBuilt(root),
                AwsEndpoints.of(emulators)).withMaxInstances(maxInstances);
    }

    /** The template's function; the test is skipped (not failed) while its module has not built the zip yet. */
    public FunctionDefinition definition(String logicalId) {
        FunctionDefinition definition = FunctionDefinition.fromTemplate(stack, logicalId);
        Assumptions.assumeTrue(Files.isRegularFile(definition.codeZip()), () -> definition.codeZip()
                + " is not built (./mvnw -q package -DskipTests -pl functions/...); skipping the tests that run it");
        return definition;
    }

    /** The template's function with at most one environment, started once and shared by the tests. */
    public LocalFunction function(String logicalId) {
        FunctionDefinition definition = definition(logicalId);
        return functions.computeIfAbsent(logicalId, id -> LocalFunction.start(definition, launchSettings(1)));
    }

    private void closeFunctions() {
        functions.values().forEach(LocalFunction::close);
    }
}
