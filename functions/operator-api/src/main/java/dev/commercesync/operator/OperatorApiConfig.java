package dev.commercesync.operator;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The operator API's own settings. */
@ConfigMapping(prefix = "commerce.operator")
public interface OperatorApiConfig {

    /**
     * The bearer token every operator route demands, when set. Env {@code OPERATOR_TOKEN}: empty in AWS, where the HTTP
     * API's {@code AWS_IAM} authorizer admits only SigV4-signed calls before the function runs; set by the local stack,
     * which has no authorizer.
     */
    Optional<String> token();
}
