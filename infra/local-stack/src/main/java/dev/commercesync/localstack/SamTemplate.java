package dev.commercesync.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An AWS SAM template ({@code infra/template.yaml}) read as data, with typed views of what the local stack and the
 * contract tests need: parameters, SQS queues, DynamoDB tables and functions (merged with {@code Globals.Function}).
 *
 * <p>Short-form intrinsics arrive in long form ({@code {"Ref": x}}, {@code {"Fn::GetAtt": [id, attr]}}, ...).
 * The typed views resolve a {@code !Ref Parameter} wherever they need a number; environment variables stay raw for
 * {@link ProvisionedStack#environmentOf(String)} to resolve against real resources. Parameter values are the
 * template's defaults unless replaced with {@link #withParameterValues(Map)}, as {@code --parameter-overrides} does.
 */
public final class SamTemplate {

    public static final String QUEUE_TYPE = "AWS::SQS::Queue";
    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    /** AWS defaults for what a template may leave out. */
    private static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
    private static final int DEFAULT_MESSAGE_RETENTION = 345_600;
    private static final int DEFAULT_SQS_BATCH_SIZE = 10;
    private static final int DEFAULT_FUNCTION_TIMEOUT = 3;
    private static final int DEFAULT_FUNCTION_MEMORY = 128;

    private final Optional<Path> location;
    private final Map<String, Object> document;
    private final Map<String, String> parameterValues;

    private SamTemplate(Optional<Path> location, Map<String, Object> document, Map<String, String> parameterValues) {
        this.location = location;
        this.document = document;
        this.parameterValues = parameterValues;
    }

    public static SamTemplate read(Path file) {
        try {
            return new SamTemplate(Optional.of(file.toAbsolutePath().normalize()),
                    CloudFormationYaml.load(Files.readString(file)), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static SamTemplate parse(String yaml) {
        return new SamTemplate(Optional.empty(), CloudFormationYaml.load(yaml), Map.of());
    }

    /** The same template with these parameter values in place of the defaults. Unknown names are an error. */
    public SamTemplate withParameterValues(Map<String, String> values) {
        Map<String, Parameter> declared = parameters();
        for (String name : values.keySet()) {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("the template declares no parameter " + name
                        + " (it has " + declared.keySet() + ")");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(parameterValues);
        merged.putAll(values);
        return new SamTemplate(location, document, Collections.unmodifiableMap(merged));
    }

    /** Where the template was read from; relative {@code CodeUri}s are relative to its directory. */
    public Optional<Path> location() {
        return location;
    }

    /** The whole document, intrinsics in long form. */
    public Map<String, Object> document() {
        return Collections.unmodifiableMap(document);
    }

    public Map<String, Object> resources() {
        return mapAt(document, "Resources");
    }

    public Map<String, Object> conditions() {
        return mapAt(document, "Conditions");
    }

    public Map<String, Object> mappings() {
        return mapAt(document, "Mappings");
    }

    public Map<String, Object> outputs() {
        return mapAt(document, "Outputs");
    }

    /** {@code Globals.Function}, which SAM merges into every function. */
    public Map<String, Object> functionGlobals() {
        return mapAt(mapAt(document, "Globals"), "Function");
    }

    public Optional<String> resourceType(String logicalId) {
        Object resource = resources().get(logicalId);
        return resource instanceof Map<?, ?> map ? Optional.ofNullable((String) map.get("Type")) : Optional.empty();
    }

    /** The resource's {@code Condition}, if it only exists when a condition holds. */
    public Optional<String> resourceCondition(String logicalId) {
        return Optional.ofNullable(mapAt(resources(), logicalId).get("Condition")).map(String::valueOf);
    }

    // ---------------------------------------------------------------------------------------------------- parameters

    public Map<String, Parameter> parameters() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        mapAt(document, "Parameters").forEach((name, raw) -> {
            Map<String, Object> p = asMap(raw, "parameter " + name);
            parameters.put(name, new Parameter(name, String.valueOf(p.getOrDefault("Type", "String")),
                    Optional.ofNullable(p.get("Default")).map(String::valueOf),
                    String.valueOf(p.getOrDefault("Description", "")).strip()));
        });
        return Collections.unmodifiableMap(parameters);
    }

    /** The value given with {@link #withParameterValues(Map)}, else the default; empty if neither exists. */
    public Optional<String> parameterValue(String name) {
        Parameter parameter = parameters().get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("the template declares no parameter " + name);
        }
        return Optional.ofNullable(parameterValues.get(name)).or(parameter::defaultValue);
    }

    // -------------------------------------------------------------------------------------------------------- queues

    public List<Queue> queues() {
        return logicalIdsOfType(QUEUE_TYPE).stream().map(this::queue).toList();
    }

    public Queue queue(String logicalId) {
        Map<String, Object> p = propertiesOf(logicalId, QUEUE_TYPE);
        Optional<Redrive> redrive = Optional.empty();
        if (p.get("RedrivePolicy") != null) {
            Map<String, Object> policy = asMap(p.get("RedrivePolicy"), logicalId + ".RedrivePolicy");
            redrive = Optional.of(new Redrive(
                    referencedLogicalId(policy.get("deadLetterTargetArn"), logicalId + " deadLetterTargetArn"),
                    intValue(policy.get("maxReceiveCount"), logicalId + " maxReceiveCount")));
        }
        return new Queue(logicalId, bool(p.get("FifoQueue")), bool(p.get("ContentBasedDeduplication")),
                optionalInt(p.get("VisibilityTimeout"), logicalId + ".VisibilityTimeout"),
                optionalInt(p.get("MessageRetentionPeriod"), logicalId + ".MessageRetentionPeriod"),
                optionalInt(p.get("MaximumMessageSize"), logicalId + ".MaximumMessageSize"),
                redrive);
    }

    // -------------------------------------------------------------------------------------------------------- tables

    public List<Table> tables() {
        return logicalIdsOfType(TABLE_TYPE).stream().map(this::table).toList();
    }

    public Table table(String logicalId) {
        Map<String, Object> p = propertiesOf(logicalId, TABLE_TYPE);
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (Object definition : listAt(p, "AttributeDefinitions")) {
            Map<String, Object> d = asMap(definition, logicalId + ".AttributeDefinitions");
            attributeTypes.put(String.valueOf(d.get("AttributeName")), String.valueOf(d.get("AttributeType")));
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object index : listAt(p, "GlobalSecondaryIndexes")) {
            Map<String, Object> i = asMap(index, logicalId + ".GlobalSecondaryIndexes");
            Map<String, Object> projection = mapAt(i, "Projection");
            indexes.add(new GlobalSecondaryIndex(String.valueOf(i.get("IndexName")),
                    keySchema(listAt(i, "KeySchema"), logicalId + " index " + i.get("IndexName")),
                    String.valueOf(projection.getOrDefault("ProjectionType", "ALL")),
                    listAt(projection, "NonKeyAttributes").stream().map(String::valueOf).toList()));
        }
        Map<String, Object> ttl = mapAt(p, "TimeToLiveSpecification");
        Optional<String> ttlAttribute = bool(ttl.get("Enabled"))
                ? Optional.of(String.valueOf(ttl.get("AttributeName")))
                : Optional.empty();
        return new Table(logicalId, Collections.unmodifiableMap(attributeTypes),
                keySchema(listAt(p, "KeySchema"), logicalId), List.copyOf(indexes), ttlAttribute,
                String.valueOf(p.getOrDefault("BillingMode", "PROVISIONED")));
    }

    private static KeySchema keySchema(List<Object> elements, String where) {
        String hash = null;
        String range = null;
        for (Object element : elements) {
            Map<String, Object> e = asMap(element, where + " KeySchema");
            String name = String.valueOf(e.get("AttributeName"));
            switch (String.valueOf(e.get("KeyType"))) {
                case "HASH" -> hash = name;
                case "RANGE" -> range = name;
                default -> throw new IllegalArgumentException(where + ": unknown KeyType " + e.get("KeyType"));
            }
        }
        if (hash == null) {
            throw new IllegalArgumentException(where + ": KeySchema has no HASH key");
        }
        return new KeySchema(hash, Optional.ofNullable(range));
    }

    // ----------------------------------------------------------------------------------------------------- functions

    public List<Function> functions() {
        return logicalIdsOfType(FUNCTION_TYPE).stream().map(this::function).toList();
    }

    public Function function(String logicalId) {
        Map<String, Object> p = mergedFunctionProperties(logicalId);
        List<SqsEvent> sqsEvents = new ArrayList<>();
        List<HttpApiEvent> httpApiEvents = new ArrayList<>();
        mapAt(p, "Events").forEach((eventName, raw) -> {
            Map<String, Object> event = asMap(raw, logicalId + " event " + eventName);
            Map<String, Object> e = mapAt(event, "Properties");
            String where = logicalId + " event " + eventName;
            switch (String.valueOf(event.get("Type"))) {
                case "SQS" -> sqsEvents.add(new SqsEvent(eventName,
                        referencedLogicalId(e.get("Queue"), where + " Queue"),
                        e.get("BatchSize") == null ? DEFAULT_SQS_BATCH_SIZE : intValue(e.get("BatchSize"), where),
                        optionalInt(e.get("MaximumBatchingWindowInSeconds"), where),
                        optionalInt(mapAt(e, "ScalingConfig").get("MaximumConcurrency"), where),
                        listAt(e, "FunctionResponseTypes").stream().map(String::valueOf).toList()));
                case "HttpApi" -> httpApiEvents.add(new HttpApiEvent(eventName,
                        Optional.ofNullable(e.get("ApiId")).map(api -> referencedLogicalId(api, where + " ApiId")),
                        String.valueOf(e.getOrDefault("Method", "ANY")),
                        String.valueOf(e.getOrDefault("Path", "/$default"))));
                default -> {
                    // Other event types (schedules, streams, ...) have no local counterpart yet.
                }
            }
        });
        Map<String, Object> environment = new LinkedHashMap<>(mapAt(mapAt(p, "Environment"), "Variables"));
        return new Function(logicalId,
                String.valueOf(p.get("CodeUri")),
                String.valueOf(p.get("Handler")),
                String.valueOf(p.get("Runtime")),
                p.get("Timeout") == null ? DEFAULT_FUNCTION_TIMEOUT : intValue(p.get("Timeout"), logicalId + ".Timeout"),
                p.get("MemorySize") == null
                        ? DEFAULT_FUNCTION_MEMORY
                        : intValue(p.get("MemorySize"), logicalId + ".MemorySize"),
                Collections.unmodifiableMap(environment),
                List.copyOf(sqsEvents),
                List.copyOf(httpApiEvents));
    }

    /**
     * The function's properties after SAM's {@code Globals} rules: maps merge (the function's keys win), lists
     * concatenate (globals first), anything else the function sets replaces the global.
     */
    public Map<String, Object> mergedFunctionProperties(String logicalId) {
        return mergeGlobals(functionGlobals(), propertiesOf(logicalId, FUNCTION_TYPE));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> local) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        local.forEach((key, value) -> {
            Object global = merged.get(key);
            if (global instanceof Map<?, ?> g && value instanceof Map<?, ?> l && !isIntrinsic(g) && !isIntrinsic(l)) {
                merged.put(key, mergeGlobals((Map<String, Object>) g, (Map<String, Object>) l));
            } else if (global instanceof List<?> g && value instanceof List<?> l) {
                List<Object> both = new ArrayList<>(g);
                both.addAll(l);
                merged.put(key, both);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        return map.size() == 1 && map.keySet().iterator().next() instanceof String key
                && (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::"));
    }

    // ------------------------------------------------------------------------------------------------------- helpers

    private List<String> logicalIdsOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (type.equals(asMap(resource, id).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    private Map<String, Object> propertiesOf(String logicalId, String type) {
        Object resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("the template has no resource " + logicalId);
        }
        Map<String, Object> r = asMap(resource, logicalId);
        if (!type.equals(r.get("Type"))) {
            throw new IllegalArgumentException(logicalId + " is a " + r.get("Type") + ", not a " + type);
        }
        return mapAt(r, "Properties");
    }

    /** A number written as such, as a string, or as {@code !Ref SomeParameter}. */
    int intValue(Object raw, String where) {
        Object value = raw;
        if (value instanceof Map<?, ?> map && map.get("Ref") instanceof String parameter && map.size() == 1) {
            value = parameterValue(parameter).orElseThrow(() -> new IllegalStateException(where + " refers to"
                    + " parameter " + parameter + ", which has no Default and was given no value"));
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + text + "' is not a whole number", e);
            }
        }
        throw new IllegalArgumentException(where + ": expected a number or !Ref to a parameter, got " + raw);
    }

    private OptionalInt optionalInt(Object raw, String where) {
        return raw == null ? OptionalInt.empty() : OptionalInt.of(intValue(raw, where));
    }

    /** The logical id in {@code !Ref X}, {@code !GetAtt X.Arn} or a plain logical id string. */
    static String referencedLogicalId(Object raw, String where) {
        if (raw instanceof String id) {
            return id;
        }
        if (raw instanceof Map<?, ?> map && map.size() == 1) {
            if (map.get("Ref") instanceof String id) {
                return id;
            }
            if (map.get("Fn::GetAtt") instanceof List<?> parts && !parts.isEmpty()) {
                return String.valueOf(parts.get(0));
            }
        }
        throw new IllegalArgumentException(where + ": expected !Ref or !GetAtt of a resource, got " + raw);
    }

    private static boolean bool(Object raw) {
        return raw instanceof Boolean b ? b : raw != null && Boolean.parseBoolean(String.valueOf(raw));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object raw, String where) {
        if (raw instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(where + ": expected a mapping, got " + raw);
    }

    static Map<String, Object> mapAt(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? Map.of() : asMap(value, key);
    }

    @SuppressWarnings("unchecked")
    static List<Object> listAt(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException(key + ": expected a list, got " + value);
    }

    // ----------------------------------------------------------------------------------------------------- the views

    public record Parameter(String name, String type, Optional<String> defaultValue, String description) {
    }

    /**
     * An SQS queue. Attributes the template leaves out are empty here and keep the service default.
     *
     * @param redrive where messages go after too many receives, if anywhere
     */
    public record Queue(String logicalId, boolean fifo, boolean contentBasedDeduplication,
                        OptionalInt visibilityTimeout, OptionalInt messageRetentionPeriod,
                        OptionalInt maximumMessageSize, Optional<Redrive> redrive) {

        /** The name the local stack gives it: the logical id, with the {@code .fifo} suffix SQS demands. */
        public String queueName() {
            return fifo ? logicalId + ".fifo" : logicalId;
        }

        public int effectiveVisibilityTimeout() {
            return visibilityTimeout.orElse(DEFAULT_VISIBILITY_TIMEOUT);
        }

        public int effectiveMessageRetentionPeriod() {
            return messageRetentionPeriod.orElse(DEFAULT_MESSAGE_RETENTION);
        }
    }

    public record Redrive(String deadLetterQueueLogicalId, int maxReceiveCount) {
    }

    /** A DynamoDB table. */
    public record Table(String logicalId, Map<String, String> attributeTypes, KeySchema keySchema,
                        List<GlobalSecondaryIndex> globalSecondaryIndexes, Optional<String> ttlAttribute,
                        String billingMode) {

        public Optional<GlobalSecondaryIndex> index(String indexName) {
            return globalSecondaryIndexes.stream().filter(i -> i.indexName().equals(indexName)).findFirst();
        }
    }

    public record KeySchema(String hashKey, Optional<String> rangeKey) {
    }

    public record GlobalSecondaryIndex(String indexName, KeySchema keySchema, String projectionType,
                                       List<String> nonKeyAttributes) {
    }

    /**
     * A function as deployed: its own properties merged with {@code Globals.Function}.
     *
     * @param environment variable name to raw template value (strings, numbers or intrinsics in long form)
     */
    public record Function(String logicalId, String codeUri, String handler, String runtime, int timeout,
                           int memorySize, Map<String, Object> environment, List<SqsEvent> sqsEvents,
                           List<HttpApiEvent> httpApiEvents) {
    }

    /** An SQS event source mapping; {@code maximumConcurrency} is its {@code ScalingConfig.MaximumConcurrency}. */
    public record SqsEvent(String eventName, String queueLogicalId, int batchSize,
                           OptionalInt maximumBatchingWindowInSeconds, OptionalInt maximumConcurrency,
                           List<String> functionResponseTypes) {

        public boolean reportsBatchItemFailures() {
            return functionResponseTypes.contains("ReportBatchItemFailures");
        }
    }

    /** A route on an HTTP API; {@code apiLogicalId} is empty for SAM's implicit {@code ServerlessHttpApi}. */
    public record HttpApiEvent(String eventName, Optional<String> apiLogicalId, String method, String path) {
    }
}
