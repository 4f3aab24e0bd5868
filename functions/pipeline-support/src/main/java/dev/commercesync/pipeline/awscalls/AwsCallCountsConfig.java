package dev.commercesync.pipeline.awscalls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether (and where) the AWS call counts are written out. Counting is always on; writing only when a directory is
 * given, which the local stack does (env {@code COMMERCE_SYNC_AWS_CALL_COUNTS_DIR}) and a deployed stack does not.
 */
@ConfigMapping(prefix = "commerce-sync.aws-call-counts")
public interface AwsCallCountsConfig {

    /**
     * Directory for this process's totals file ({@link CallCountFile}); empty: counts stay in memory. Env
     * {@code COMMERCE_SYNC_AWS_CALL_COUNTS_DIR}.
     */
    Optional<Path> dir();

    /** How often the file is rewritten while calls are being made (and once more when the JVM exits). */
    @WithDefault("1s")
    Duration writeInterval();

    /** Whose counts these are: the Lambda function's name, else the application's. */
    @WithDefault("${AWS_LAMBDA_FUNCTION_NAME:${quarkus.application.name:unknown}}")
    String function();
}
