package dev.commercesync.pipeline.testing;

import dev.commercesync.localstack.LocalAwsAccount;
import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real DynamoDB Local and ElasticMQ for {@code @QuarkusTest}s, holding the queues and tables of
 * {@code infra/template.yaml}: {@code @QuarkusTestResource(AwsEmulatorsResource.class)}.
 *
 * <p>Returns the Quarkus AWS client configuration for the emulators plus every environment variable the template
 * gives any function, as a config property of the same name, so {@code ${INTAKE_QUEUE_URL}} in a function's
 * {@code application.properties} resolves to the emulated queue exactly as it would to the deployed one.
 *
 * <p>Init args are template parameter values ({@code @ResourceArg(name = "MaxReceiveCount", value = "2")}).
 * {@code ErpBaseUrl} has no default in the template; unless given, it points at a loopback port nothing listens on,
 * so a test that posts to the ERP by mistake fails at once instead of reaching a real one.
 */
public class AwsEmulatorsResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> LOCAL_PARAMETER_VALUES = Map.of(
            "ErpBaseUrl", "http://127.0.0.1:1/erp-not-configured-in-this-test");

    private final Map<String, String> parameterValues = new LinkedHashMap<>(LOCAL_PARAMETER_VALUES);
    private RunningEmulators emulators;

    @Override
    public void init(Map<String, String> initArgs) {
        parameterValues.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Path root = RepositoryRoot.locate();
        SamTemplate template = SamTemplate.read(RepositoryRoot.template(root)).withParameterValues(parameterValues);
        emulators = LocalEmulators.start(root);
        try (SqsClient sqs = emulators.newSqsClient(); DynamoDbClient dynamoDb = emulators.newDynamoDbClient()) {
            ProvisionedStack stack = new StackProvisioner(sqs, dynamoDb).provision(template);
            Map<String, String> config = new LinkedHashMap<>(stack.mergedEnvironment());
            config.putAll(clientConfig("sqs", emulators.sqsEndpoint().toString()));
            config.putAll(clientConfig("dynamodb", emulators.dynamoDbEndpoint().toString()));
            // Dev Services would want Docker (absent) to start what we have just started ourselves.
            config.put("quarkus.devservices.enabled", "false");
            return config;
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
    }

    private static Map<String, String> clientConfig(String service, String endpoint) {
        String prefix = "quarkus." + service + ".";
        return Map.of(
                prefix + "endpoint-override", endpoint,
                prefix + "aws.region", LocalAwsAccount.REGION,
                prefix + "aws.credentials.type", "static",
                prefix + "aws.credentials.static-provider.access-key-id", LocalAwsAccount.ACCESS_KEY_ID,
                prefix + "aws.credentials.static-provider.secret-access-key", LocalAwsAccount.SECRET_ACCESS_KEY,
                prefix + "sync-client.type", "url");
    }

    @Override
    public void stop() {
        if (emulators != null) {
            emulators.close();
            emulators = null;
        }
    }
}
