package dev.commercesync.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The emulator child process and its endpoints. Closing it stops the process; so does a shutdown hook, and (should
 * this JVM be killed outright) the child's own watch on its stdin.
 *
 * <p>A class rather than a record: it owns the process, which is not part of its value.
 */
public final class RunningEmulators implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final Optional<Path> logFile;
    private final Thread shutdownHook;
    private URI dynamoDbEndpoint;
    private URI sqsEndpoint;
    private Duration startupTime;

    RunningEmulators(Process process, Optional<Path> logFile) {
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopProcess, "emulators-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    void ready(URI dynamoDbEndpoint, URI sqsEndpoint, Duration startupTime) {
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.sqsEndpoint = sqsEndpoint;
        this.startupTime = startupTime;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /** From spawning the child to its READY line. */
    public Duration startupTime() {
        return startupTime;
    }

    public long pid() {
        return process.pid();
    }

    public Optional<Path> logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A new SQS client for the emulator; the caller closes it. */
    public SqsClient newSqsClient() {
        return SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.of(LocalAwsAccount.REGION))
                .credentialsProvider(credentials())
                .httpClient(httpClient())
                .build();
    }

    /** A new DynamoDB client for the emulator; the caller closes it. */
    public DynamoDbClient newDynamoDbClient() {
        return DynamoDbClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.of(LocalAwsAccount.REGION))
                .credentialsProvider(credentials())
                .httpClient(httpClient())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAwsAccount.ACCESS_KEY_ID, LocalAwsAccount.SECRET_ACCESS_KEY));
    }

    private static SdkHttpClient httpClient() {
        // No proxy from system properties or environment: emulator traffic must stay on the loopback interface.
        return UrlConnectionHttpClient.builder()
                .proxyConfiguration(ProxyConfiguration.builder()
                        .useSystemPropertyValues(false)
                        .useEnvironmentVariablesValues(false)
                        .build())
                .build();
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from another shutdown hook: ours runs anyway and finds the process gone.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        try {
            // End-of-file on stdin is the child's signal to stop cleanly; SIGTERM, then SIGKILL, if it does not.
            process.getOutputStream().close();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (IOException e) {
            System.err.println("closing the emulators' stdin failed (" + e.getMessage() + "); killing them");
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RunningEmulators[pid=" + process.pid() + ", dynamodb=" + dynamoDbEndpoint + ", sqs=" + sqsEndpoint
                + "]";
    }
}
