package dev.commercesync.runlocal.lambda;

import dev.commercesync.localstack.LocalAwsAccount;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.runlocal.esm.MappingDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A function as the template deploys it: code, handler, limits and environment, with intrinsics already resolved
 * against the emulated stack.
 *
 * @param functionName       what Lambda calls it; locally the logical id, as the local stack names queues and
 *                           tables by theirs
 * @param codeZip            the deployment package ({@code CodeUri}), the same {@code function.zip} AWS gets
 * @param environment        the template's variables ({@code Globals} merged), resolved by {@link ProvisionedStack}
 * @param aliasName          {@code AutoPublishAlias}: event sources then invoke {@code ...:function:name:alias}
 * @param maximumConcurrency the sum of its SQS event sources' {@code ScalingConfig.MaximumConcurrency}, if any is set
 */
public record FunctionDefinition(String logicalId, String functionName, String handler, Path codeZip,
                                 Duration timeout, int memorySize, Map<String, String> environment,
                                 Optional<String> aliasName, OptionalInt maximumConcurrency) {

    public FunctionDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(codeZip, "codeZip");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(logicalId + ": timeout must be positive, not " + timeout);
        }
        if (memorySize < 128) {
            throw new IllegalArgumentException(logicalId + ": memory size " + memorySize + " MB is below Lambda's 128");
        }
        environment = Map.copyOf(environment);
    }

    /** The function as {@code infra/template.yaml} (or any SAM template) declares it. */
    public static FunctionDefinition fromTemplate(ProvisionedStack stack, String logicalId) {
        SamTemplate template = stack.template();
        SamTemplate.Function function = template.function(logicalId);
        Path base = template.location().map(Path::getParent)
                .orElseThrow(() -> new IllegalArgumentException("the template was not read from a file, so "
                        + logicalId + "'s CodeUri " + function.codeUri() + " has no base directory"));
        // Each event source scales on its own, so the function runs up to the sum of their limits at once.
        List<OptionalInt> limits = function.sqsEvents().stream().map(SamTemplate.SqsEvent::maximumConcurrency).toList();
        OptionalInt concurrency = limits.stream().anyMatch(OptionalInt::isPresent)
                ? OptionalInt.of(limits.stream().mapToInt(l -> l.orElse(MappingDefinition.DEFAULT_CONCURRENCY)).sum())
                : OptionalInt.empty();
        Optional<String> alias = Optional.ofNullable(template.mergedFunctionProperties(logicalId)
                .get("AutoPublishAlias")).map(String::valueOf);
        return new FunctionDefinition(logicalId, logicalId, function.handler(),
                base.resolve(function.codeUri()).normalize(), Duration.ofSeconds(function.timeout()),
                function.memorySize(), stack.environmentOf(logicalId), alias, concurrency);
    }

    /** The ARN callers invoke, qualified with the alias when there is one. */
    public String invokedFunctionArn() {
        return "arn:" + LocalAwsAccount.PARTITION + ":lambda:" + LocalAwsAccount.REGION + ":"
                + LocalAwsAccount.ACCOUNT_ID + ":function:" + functionName + aliasName.map(a -> ":" + a).orElse("");
    }

    /** {@code AWS_LAMBDA_FUNCTION_VERSION}: an alias points at a published version; locally always the first. */
    public String version() {
        return aliasName.isPresent() ? "1" : "$LATEST";
    }

    public FunctionDefinition withTimeout(Duration newTimeout) {
        return new FunctionDefinition(logicalId, functionName, handler, codeZip, newTimeout, memorySize, environment,
                aliasName, maximumConcurrency);
    }

    public FunctionDefinition withHandler(String newHandler) {
        return new FunctionDefinition(logicalId, functionName, newHandler, codeZip, timeout, memorySize, environment,
                aliasName, maximumConcurrency);
    }
}
