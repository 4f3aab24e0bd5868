package dev.commercesync.pipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commercesync.localstack.JvmNativeParity;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.pipeline.idempotency.IdempotencyTableSchema;
import dev.commercesync.pipeline.listing.ListingTableSchema;
import dev.commercesync.pipeline.operations.OperatorAuditTableSchema;
import dev.commercesync.pipeline.orderstate.OrderStateTableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code infra/template.yaml} to what the code relies on: resource shapes that match the schema constants,
 * the SQS settings partial batch failures and retries depend on, and an environment variable for every
 * {@code ${VAR}} a function's configuration requires.
 */
class TemplateContractTest {

    /** AWS's advice for SQS event sources: a visibility timeout of at least six times the function timeout. */
    private static final int VISIBILITY_TO_TIMEOUT_RATIO = 6;
    private static final int FOURTEEN_DAYS = 1_209_600;
    /** {@code ${NAME}} with no {@code :default}; only upper-case names, i.e. environment variables. */
    private static final Pattern REQUIRED_ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");
    /** Modules under functions/ that are libraries, not deployed functions. */
    private static final Set<String> LIBRARIES = Set.of("pipeline-support");

    private final Path root = RepositoryRoot.locate();
    private final SamTemplate template = SamTemplate.read(RepositoryRoot.template(root));

    @Test
    void everyQueueHasADeadLetterQueue() {
        Set<String> deadLetterQueues = new TreeSet<>();
        template.queues().forEach(q -> q.redrive().ifPresent(r -> deadLetterQueues.add(r.deadLetterQueueLogicalId())));

        assertThat(deadLetterQueues).isNotEmpty();
        for (SamTemplate.Queue queue : template.queues()) {
            if (deadLetterQueues.contains(queue.logicalId())) {
                assertThat(queue.messageRetentionPeriod()).as("%s keeps failures for 14 days", queue.logicalId())
                        .hasValue(FOURTEEN_DAYS);
            } else {
                assertThat(queue.redrive()).as("%s redrives to a DLQ", queue.logicalId()).isPresent();
                SamTemplate.Queue dlq = template.queue(queue.redrive().orElseThrow().deadLetterQueueLogicalId());
                assertThat(dlq.fifo()).as("%s and its DLQ are both FIFO or both standard", queue.logicalId())
                        .isEqualTo(queue.fifo());
                // A standard queue's message keeps its original enqueue time in the DLQ, so a shorter DLQ retention
                // would drop failures before anyone looked at them.
                assertThat(dlq.effectiveMessageRetentionPeriod()).as("%s retention", dlq.logicalId())
                        .isGreaterThanOrEqualTo(queue.effectiveMessageRetentionPeriod());
            }
        }
    }

    @Test
    void everySqsEventSourceReportsBatchItemFailures() {
        assertThat(sqsConsumers()).isNotEmpty().allSatisfy(c ->
                assertThat(c.event().reportsBatchItemFailures())
                        .as("%s reports batch item failures", c.function().logicalId()).isTrue());
    }

    @Test
    void visibilityTimeoutIsAtLeastSixTimesTheConsumerTimeout() {
        for (Consumer c : sqsConsumers()) {
            SamTemplate.Queue queue = template.queue(c.event().queueLogicalId());
            assertThat(queue.effectiveVisibilityTimeout())
                    .as("%s visibility vs %s timeout %ds", queue.logicalId(), c.function().logicalId(),
                            c.function().timeout())
                    .isGreaterThanOrEqualTo(VISIBILITY_TO_TIMEOUT_RATIO * c.function().timeout());
        }
    }

    @Test
    void eventSourceScalingIsValid() {
        for (Consumer c : sqsConsumers()) {
            SamTemplate.Queue queue = template.queue(c.event().queueLogicalId());
            c.event().maximumConcurrency().ifPresent(max -> assertThat(max)
                    .as("%s MaximumConcurrency (AWS minimum is 2)", c.function().logicalId()).isGreaterThanOrEqualTo(2));
            if (queue.fifo()) {
                assertThat(c.event().maximumBatchingWindowInSeconds())
                        .as("%s: FIFO event sources take no batching window", c.function().logicalId()).isEmpty();
                assertThat(c.event().batchSize()).isLessThanOrEqualTo(10);
            }
        }
    }

    @Test
    void postingQueueIsFifoWithExplicitDeduplication() {
        SamTemplate.Queue posting = template.queue(referencedResource("DedupeFunction", "POSTING_QUEUE_URL"));

        assertThat(posting.fifo()).isTrue();
        assertThat(posting.contentBasedDeduplication())
                .as("dedupe sets MessageDeduplicationId itself").isFalse();
        assertThat(sqsConsumers()).anySatisfy(c -> {
            assertThat(c.function().logicalId()).isEqualTo("PostToErpFunction");
            assertThat(c.event().queueLogicalId()).isEqualTo(posting.logicalId());
        });
    }

    @Test
    void orderStateTableMatchesOrderStateTableSchema() {
        for (SamTemplate.Function function : functionsWithVariable("ORDER_STATE_TABLE")) {
            SamTemplate.Table table = template.table(referencedResource(function.logicalId(), "ORDER_STATE_TABLE"));

            assertThat(table.keySchema())
                    .isEqualTo(new SamTemplate.KeySchema(OrderStateTableSchema.PARTITION_KEY, Optional.empty()));
            SamTemplate.GlobalSecondaryIndex index = table.index(OrderStateTableSchema.STATUS_INDEX).orElseThrow(() ->
                    new AssertionError(table.logicalId() + " lacks index " + OrderStateTableSchema.STATUS_INDEX));
            assertThat(index.keySchema()).isEqualTo(new SamTemplate.KeySchema(OrderStateTableSchema.STATUS,
                    Optional.of(OrderStateTableSchema.UPDATED_AT)));
            assertThat(index.projectionType()).isEqualTo("ALL");
            SamTemplate.GlobalSecondaryIndex open = table.index(OrderStateTableSchema.OPEN_EXCEPTION_INDEX)
                    .orElseThrow(() -> new AssertionError(table.logicalId() + " lacks index "
                            + OrderStateTableSchema.OPEN_EXCEPTION_INDEX));
            assertThat(open.keySchema()).isEqualTo(new SamTemplate.KeySchema(OrderStateTableSchema.OPEN_EXCEPTION_TYPE,
                    Optional.of(OrderStateTableSchema.OPEN_EXCEPTION_AT)));
            assertThat(open.projectionType()).isEqualTo("ALL");
            assertThat(table.attributeTypes())
                    .containsEntry(OrderStateTableSchema.PARTITION_KEY, "S")
                    .containsEntry(OrderStateTableSchema.STATUS, "S")
                    .containsEntry(OrderStateTableSchema.UPDATED_AT, "S")
                    .containsEntry(OrderStateTableSchema.OPEN_EXCEPTION_TYPE, "S")
                    .containsEntry(OrderStateTableSchema.OPEN_EXCEPTION_AT, "S");
        }
    }

    @Test
    void operatorAuditTableMatchesOperatorAuditTableSchema() {
        for (SamTemplate.Function function : functionsWithVariable("OPERATOR_AUDIT_TABLE")) {
            SamTemplate.Table table = template.table(referencedResource(function.logicalId(), "OPERATOR_AUDIT_TABLE"));

            assertThat(table.keySchema())
                    .isEqualTo(new SamTemplate.KeySchema(OperatorAuditTableSchema.PARTITION_KEY, Optional.empty()));
            assertThat(table.attributeTypes()).containsEntry(OperatorAuditTableSchema.PARTITION_KEY, "S");
        }
    }

    @Test
    void idempotencyTableMatchesIdempotencyTableSchema() {
        SamTemplate.Table table = template.table(referencedResource("DedupeFunction", "IDEMPOTENCY_TABLE"));

        assertThat(table.keySchema())
                .isEqualTo(new SamTemplate.KeySchema(IdempotencyTableSchema.PARTITION_KEY, Optional.empty()));
        assertThat(table.attributeTypes()).containsEntry(IdempotencyTableSchema.PARTITION_KEY, "S");
        assertThat(table.ttlAttribute()).contains(IdempotencyTableSchema.TTL_ATTRIBUTE);
    }

    @Test
    void listingTableMatchesListingTableSchema() {
        for (String function : List.of("IngestFunction", "PublishInventoryFunction")) {
            SamTemplate.Table table = template.table(referencedResource(function, "LISTING_TABLE"));

            assertThat(table.keySchema())
                    .isEqualTo(new SamTemplate.KeySchema(ListingTableSchema.PARTITION_KEY, Optional.empty()));
            assertThat(table.attributeTypes()).containsEntry(ListingTableSchema.PARTITION_KEY, "S");
        }
    }

    @Test
    void everyRequiredEnvironmentVariableIsDeclaredForItsFunction() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path properties = module.resolve("src/main/resources/application.properties");
                if (!Files.isRegularFile(properties) || LIBRARIES.contains(module.getFileName().toString())) {
                    continue;
                }
                Optional<SamTemplate.Function> function = deployedFrom(module);
                if (function.isEmpty()) {
                    missing.add(root.relativize(module) + ": no template function has its CodeUri there");
                    continue;
                }
                Set<String> declared = function.get().environment().keySet();
                for (String variable : requiredEnvironmentVariables(properties)) {
                    if (!declared.contains(variable)) {
                        missing.add(root.relativize(properties) + " needs ${" + variable + "}, which "
                                + function.get().logicalId() + " does not set");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void nativeTemplateMatchesApartFromTheRuntime() {
        SamTemplate nativeTemplate = SamTemplate.read(root.resolve("infra/template-native.yaml"));

        assertThat(JvmNativeParity.differences(template, nativeTemplate)).isEmpty();
        assertThat(nativeTemplate.functions()).extracting(SamTemplate.Function::runtime).containsOnly("provided.al2023");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Consumer(SamTemplate.Function function, SamTemplate.SqsEvent event) {
    }

    private List<Consumer> sqsConsumers() {
        return template.functions().stream()
                .flatMap(f -> f.sqsEvents().stream().map(e -> new Consumer(f, e)))
                .toList();
    }

    private List<SamTemplate.Function> functionsWithVariable(String variable) {
        List<SamTemplate.Function> functions = template.functions().stream()
                .filter(f -> f.environment().containsKey(variable)).toList();
        assertThat(functions).as("functions with %s", variable).isNotEmpty();
        return functions;
    }

    /** The logical id behind {@code VARIABLE: !Ref LogicalId} in the function's environment. */
    private String referencedResource(String functionLogicalId, String variable) {
        Object value = template.function(functionLogicalId).environment().get(variable);
        assertThat(value).as("%s %s", functionLogicalId, variable).isInstanceOf(Map.class);
        Object ref = ((Map<?, ?>) value).get("Ref");
        assertThat(ref).as("%s %s is a !Ref", functionLogicalId, variable).isInstanceOf(String.class);
        return (String) ref;
    }

    private Optional<SamTemplate.Function> deployedFrom(Path module) {
        Path templateDir = template.location().orElseThrow().getParent();
        return template.functions().stream()
                .filter(f -> templateDir.resolve(f.codeUri()).normalize().startsWith(module.normalize()))
                .findFirst();
    }

    private static Set<String> requiredEnvironmentVariables(Path properties) throws IOException {
        Set<String> variables = new TreeSet<>();
        for (String line : Files.readAllLines(properties)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            Matcher m = REQUIRED_ENV_REFERENCE.matcher(line);
            while (m.find()) {
                variables.add(m.group(1));
            }
        }
        return variables;
    }
}
