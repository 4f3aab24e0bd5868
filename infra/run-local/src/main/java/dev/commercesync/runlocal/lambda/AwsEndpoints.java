package dev.commercesync.runlocal.lambda;

import dev.commercesync.localstack.LocalAwsAccount;
import dev.commercesync.localstack.RunningEmulators;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a function's AWS clients must go instead of AWS: the emulators. Rendered as the environment variables that
 * the Quarkus AWS extensions read, the same settings {@code AwsEmulatorsResource} gives the {@code @QuarkusTest}s.
 *
 * @param services Quarkus client name ({@code sqs}, {@code dynamodb}) to endpoint
 */
public record AwsEndpoints(Map<String, URI> services) {

    public AwsEndpoints {
        services = Map.copyOf(services);
        services.forEach((name, endpoint) -> {
            if (!"127.0.0.1".equals(endpoint.getHost())) {
                throw new IllegalArgumentException(name + " endpoint " + endpoint + " is not on 127.0.0.1");
            }
        });
    }

    public static AwsEndpoints of(RunningEmulators emulators) {
        return new AwsEndpoints(Map.of("sqs", emulators.sqsEndpoint(), "dynamodb", emulators.dynamoDbEndpoint()));
    }

    /**
     * {@code quarkus.<service>.endpoint-override} and friends, spelled as environment variables (MicroProfile
     * Config's rule: upper case, every other character an underscore).
     */
    public Map<String, String> quarkusClientEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        services.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(service -> {
            String prefix = "QUARKUS_" + service.getKey().toUpperCase(Locale.ROOT) + "_";
            environment.put(prefix + "ENDPOINT_OVERRIDE", service.getValue().toString());
            environment.put(prefix + "AWS_REGION", LocalAwsAccount.REGION);
            environment.put(prefix + "AWS_CREDENTIALS_TYPE", "static");
            environment.put(prefix + "AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", LocalAwsAccount.ACCESS_KEY_ID);
            environment.put(prefix + "AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY",
                    LocalAwsAccount.SECRET_ACCESS_KEY);
        });
        return environment;
    }
}
