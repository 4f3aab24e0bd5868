package dev.commercesync.opscli;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SDK clients of one CLI run, built when first needed (a DLQ command never touches DynamoDB's endpoint). */
public final class AwsSession implements AutoCloseable {

    private final AwsTarget target;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private SqsClient sqs;
    private DynamoDbClient dynamoDb;

    public AwsSession(AwsTarget target) {
        this.target = target;
    }

    public AwsTarget target() {
        return target;
    }

    public boolean local() {
        return target.local();
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = open(SqsClient.builder(), target.sqsEndpoint(), "--sqs-endpoint");
        }
        return sqs;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = open(DynamoDbClient.builder(), target.dynamoDbEndpoint(), "--dynamodb-endpoint");
        }
        return dynamoDb;
    }

    /** The caller's IAM ARN (STS GetCallerIdentity): who an audit record names in AWS. */
    public String callerArn() {
        if (local()) {
            throw new IllegalStateException("no STS against the emulators");
        }
        try (StsClient sts = open(StsClient.builder(), Optional.empty(), null)) {
            return sts.getCallerIdentity().arn();
        } catch (SdkException e) {
            throw CommandFailure.environment("cannot tell who you are (STS GetCallerIdentity failed: "
                    + e.getMessage() + "); an audited change needs a known caller", e);
        }
    }

    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C open(
            B builder, Optional<URI> endpoint, String endpointOption) {
        try {
            if (local()) {
                if (endpoint.isEmpty()) {
                    throw CommandFailure.usage("an endpoint was given for one emulator but not the other: add "
                            + endpointOption + " (or --endpoint / --endpoint-file)");
                }
                builder.endpointOverride(endpoint.get())
                        .region(Region.of(target.region().orElse(AwsTarget.LOCAL_REGION)))
                        .credentialsProvider(localCredentials());
                // Emulator traffic stays on the loopback interface: no proxy from the environment.
                builder.httpClient(UrlConnectionHttpClient.builder()
                        .proxyConfiguration(ProxyConfiguration.builder()
                                .useSystemPropertyValues(false)
                                .useEnvironmentVariablesValues(false)
                                .build())
                        .build());
            } else {
                target.region().ifPresent(r -> builder.region(Region.of(r)));
                // The profile names the region too when --region does not.
                target.profile().ifPresent(p -> builder.overrideConfiguration(o -> o.defaultProfileName(p)));
                builder.credentialsProvider(awsCredentials());
                builder.httpClient(UrlConnectionHttpClient.builder().build());
            }
            C client = builder.build();
            opened.add(client);
            return client;
        } catch (SdkException e) {
            throw CommandFailure.environment("cannot set up the AWS client: " + e.getMessage()
                    + (target.region().isEmpty() ? " (set --region or AWS_REGION)" : ""), e);
        }
    }

    private AwsCredentialsProvider awsCredentials() {
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        target.profile().ifPresent(chain::profileName);
        return chain.build();
    }

    private static AwsCredentialsProvider localCredentials() {
        // Only the SDK's signer wants them: the emulators check none.
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    @Override
    public void close() {
        for (AutoCloseable client : opened) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing an SDK client only releases its HTTP connections; nothing to report to the operator.
            }
        }
    }
}
