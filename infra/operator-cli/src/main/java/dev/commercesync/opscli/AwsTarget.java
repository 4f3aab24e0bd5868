package dev.commercesync.opscli;

import java.net.URI;
import java.util.Optional;

/**
 * Where the CLI points. With an endpoint it talks to emulators (ElasticMQ and DynamoDB Local listen on different
 * ports, so each has its own) with dummy credentials; without, to AWS through the SDK's default credential and
 * region chains, optionally with a named profile.
 */
public record AwsTarget(Optional<URI> sqsEndpoint, Optional<URI> dynamoDbEndpoint, Optional<String> region,
                        Optional<String> profile) {

    /** The region the local stack pretends to be in (its queue ARNs name it). */
    public static final String LOCAL_REGION = "us-east-1";

    public static AwsTarget aws(Optional<String> region, Optional<String> profile) {
        return new AwsTarget(Optional.empty(), Optional.empty(), region, profile);
    }

    public static AwsTarget local(URI sqsEndpoint, URI dynamoDbEndpoint) {
        return new AwsTarget(Optional.of(sqsEndpoint), Optional.of(dynamoDbEndpoint), Optional.empty(),
                Optional.empty());
    }

    /** True when any endpoint is given: emulators, never AWS. */
    public boolean local() {
        return sqsEndpoint.isPresent() || dynamoDbEndpoint.isPresent();
    }
}
