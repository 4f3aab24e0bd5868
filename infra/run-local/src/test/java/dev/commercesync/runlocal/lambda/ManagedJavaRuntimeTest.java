package dev.commercesync.runlocal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The launch command and environment of an execution environment, without launching one. */
class ManagedJavaRuntimeTest {

    private final ManagedJavaRuntime runtime = new ManagedJavaRuntime(Path.of("/usr/bin/java"),
            List.of(Path.of("/rt/aws-lambda-java-core-1.2.3.jar"),
                    Path.of("/rt/aws-lambda-java-runtime-interface-client-2.6.0.jar")),
            Path.of("/rt/jni/libaws-lambda-jni.linux-x86_64.so"));
    private final FunctionDefinition dedupe = new FunctionDefinition("DedupeFunction", "DedupeFunction",
            "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest", Path.of("/f/function.zip"),
            Duration.ofSeconds(30), 1024, Map.of("POSTING_QUEUE_URL", "http://127.0.0.1:9324/q",
            "ERP_BASE_URL", "from-template", "AWS_REGION", "eu-west-1"), Optional.of("live"), OptionalInt.of(10));

    @Test
    void launchesTheRicWithTheManagedRuntimesFlags() {
        List<String> command = runtime.command(dedupe.handler(), dedupe.memorySize(), Path.of("/state/tmp/D-1"));

        assertThat(command).startsWith("/usr/bin/java", "-XX:MaxHeapSize=891289k", "-XX:+UseSerialGC");
        assertThat(command).contains("-Djava.io.tmpdir=/state/tmp/D-1",
                "-D" + ManagedJavaRuntime.JNI_PROPERTY + "=/rt/jni/libaws-lambda-jni.linux-x86_64.so");
        assertThat(command).endsWith("-classpath",
                "/rt/aws-lambda-java-core-1.2.3.jar:/rt/aws-lambda-java-runtime-interface-client-2.6.0.jar",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", dedupe.handler());
    }

    @Test
    void theEnvironmentLayersTemplateEmulatorsOverridesAndReservedVariables() {
        Map<String, String> environment = runtime.environment(dedupe, Path.of("/state/functions/DedupeFunction"),
                40123, "2026/11/26/[1]abc", new AwsEndpoints(Map.of("sqs", URI.create("http://127.0.0.1:9324"))),
                Map.of("ERP_BASE_URL", "http://127.0.0.1:8089", "AWS_LAMBDA_RUNTIME_API", "elsewhere:1"));

        assertThat(environment)
                .containsEntry("POSTING_QUEUE_URL", "http://127.0.0.1:9324/q")
                .containsEntry("ERP_BASE_URL", "http://127.0.0.1:8089")
                .containsEntry("QUARKUS_SQS_ENDPOINT_OVERRIDE", "http://127.0.0.1:9324")
                .containsEntry("QUARKUS_SQS_AWS_CREDENTIALS_TYPE", "static")
                .containsEntry("QUARKUS_SQS_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "test")
                // Reserved: neither the template nor an override can move them.
                .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:40123")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("_HANDLER", dedupe.handler())
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "1")
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
                .containsEntry("LAMBDA_TASK_ROOT", "/state/functions/DedupeFunction")
                .containsEntry("LAMBDA_RUNTIME_DIR", "/rt")
                .doesNotContainKeys("HOME", "JAVA_HOME", "CLASSPATH");
        assertThat(dedupe.invokedFunctionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:DedupeFunction:live");
    }
}
