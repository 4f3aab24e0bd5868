package dev.commercesync.localstack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The template's queues and tables as they exist in the emulators, and what {@code !Ref}/{@code !GetAtt} of them
 * means there. Resolves each function's environment the way CloudFormation would, with the local stand-ins that
 * {@link IntrinsicResolver} documents for secrets and pseudo parameters.
 */
public final class ProvisionedStack {

    private final SamTemplate template;
    private final Map<String, QueueAddress> queues;
    private final Map<String, TableAddress> tables;
    private final IntrinsicResolver resolver;

    ProvisionedStack(SamTemplate template, Map<String, QueueAddress> queues, Map<String, TableAddress> tables) {
        this.template = template;
        this.queues = Map.copyOf(queues);
        this.tables = Map.copyOf(tables);
        this.resolver = new IntrinsicResolver(template, new IntrinsicResolver.Resources() {
            @Override
            public Optional<String> ref(String logicalId) {
                return ProvisionedStack.this.ref(logicalId);
            }

            @Override
            public Optional<String> getAtt(String logicalId, String attribute) {
                return ProvisionedStack.this.getAtt(logicalId, attribute);
            }
        });
    }

    public SamTemplate template() {
        return template;
    }

    /** Queue logical id to its local address. */
    public Map<String, QueueAddress> queues() {
        return queues;
    }

    /** Table logical id to its local name and ARN. */
    public Map<String, TableAddress> tables() {
        return tables;
    }

    public String queueUrl(String logicalId) {
        return queue(logicalId).url();
    }

    public String tableName(String logicalId) {
        return table(logicalId).name();
    }

    /** What {@code !Ref logicalId} gives: a queue's URL, a table's name. */
    public Optional<String> ref(String logicalId) {
        if (queues.containsKey(logicalId)) {
            return Optional.of(queues.get(logicalId).url());
        }
        return Optional.ofNullable(tables.get(logicalId)).map(TableAddress::name);
    }

    /** What {@code !GetAtt logicalId.attribute} gives, for the attributes the local stack knows. */
    public Optional<String> getAtt(String logicalId, String attribute) {
        QueueAddress queue = queues.get(logicalId);
        if (queue != null) {
            return switch (attribute) {
                case "Arn" -> Optional.of(queue.arn());
                case "QueueName" -> Optional.of(queue.name());
                case "QueueUrl" -> Optional.of(queue.url());
                default -> Optional.empty();
            };
        }
        TableAddress table = tables.get(logicalId);
        if (table != null && attribute.equals("Arn")) {
            return Optional.of(table.arn());
        }
        return Optional.empty();
    }

    /**
     * The function's environment variables ({@code Globals} merged in) with every intrinsic resolved; a variable
     * whose value is {@code !Ref AWS::NoValue} is left out, as in Lambda.
     */
    public Map<String, String> environmentOf(String functionLogicalId) {
        Map<String, String> environment = new LinkedHashMap<>();
        template.function(functionLogicalId).environment().forEach((name, raw) -> {
            try {
                resolver.resolve(raw).ifPresent(value -> environment.put(name, value));
            } catch (RuntimeException e) {
                throw new IllegalStateException(functionLogicalId + " environment " + name + ": " + e.getMessage(), e);
            }
        });
        return Collections.unmodifiableMap(environment);
    }

    /**
     * Every function's environment in one map, for a process that stands in for all of them (tests, run-local).
     *
     * @throws IllegalStateException if two functions give one variable different values, since one process could
     *     not honour both
     */
    public Map<String, String> mergedEnvironment() {
        Map<String, String> merged = new LinkedHashMap<>();
        Map<String, String> setBy = new LinkedHashMap<>();
        for (SamTemplate.Function function : template.functions()) {
            environmentOf(function.logicalId()).forEach((name, value) -> {
                String previous = merged.putIfAbsent(name, value);
                if (previous != null && !previous.equals(value)) {
                    throw new IllegalStateException(name + " is '" + previous + "' in " + setBy.get(name)
                            + " but '" + value + "' in " + function.logicalId());
                }
                setBy.putIfAbsent(name, function.logicalId());
            });
        }
        return Collections.unmodifiableMap(merged);
    }

    /** Whether the template's condition holds for the current parameter values. */
    public boolean condition(String name) {
        return resolver.condition(name);
    }

    private QueueAddress queue(String logicalId) {
        QueueAddress queue = queues.get(logicalId);
        if (queue == null) {
            throw new IllegalArgumentException("no provisioned queue " + logicalId + " (there are " + queues.keySet()
                    + ")");
        }
        return queue;
    }

    private TableAddress table(String logicalId) {
        TableAddress table = tables.get(logicalId);
        if (table == null) {
            throw new IllegalArgumentException("no provisioned table " + logicalId + " (there are " + tables.keySet()
                    + ")");
        }
        return table;
    }

    public record QueueAddress(String name, String url, String arn) {
    }

    public record TableAddress(String name, String arn) {
    }
}
