package dev.commercesync.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsics (long form) to the strings a deployed stack would hold, against local
 * resources. Local stand-ins, by design:
 * <ul>
 *   <li>pseudo parameters take the values in {@link LocalAwsAccount} ({@code AWS::Region} = us-east-1,
 *       {@code AWS::AccountId} = 000000000000, ...);</li>
 *   <li>dynamic references ({@code {{resolve:secretsmanager:...}}}, {@code {{resolve:ssm:...}}}) become the empty
 *       string: no secret exists locally, and the functions read an empty value as "not configured";</li>
 *   <li>{@code !Ref AWS::NoValue} yields {@link Optional#empty()}, i.e. the property is left out.</li>
 * </ul>
 */
final class IntrinsicResolver {

    /** Logical ids of provisioned resources to their {@code !Ref} and {@code !GetAtt} values. */
    interface Resources {
        Optional<String> ref(String logicalId);

        Optional<String> getAtt(String logicalId, String attribute);
    }

    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:[^}]*}}");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String NO_VALUE = "AWS::NoValue";

    private final SamTemplate template;
    private final Resources resources;

    IntrinsicResolver(SamTemplate template, Resources resources) {
        this.template = template;
        this.resources = resources;
    }

    /** The value as a string, or empty for {@code AWS::NoValue}. */
    Optional<String> resolve(Object value) {
        return evaluate(value).map(IntrinsicResolver::withoutDynamicReferences);
    }

    boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("the template has no condition " + name);
        }
        return truth(definition);
    }

    private boolean truth(Object expression) {
        if (expression instanceof Boolean b) {
            return b;
        }
        Map<String, Object> map = SamTemplate.asMap(expression, "condition");
        if (map.get("Condition") instanceof String name) {
            return condition(name);
        }
        if (map.containsKey("Fn::Equals")) {
            List<Object> args = arguments(map.get("Fn::Equals"), "Fn::Equals", 2);
            return evaluate(args.get(0)).equals(evaluate(args.get(1)));
        }
        if (map.containsKey("Fn::Not")) {
            return !truth(arguments(map.get("Fn::Not"), "Fn::Not", 1).get(0));
        }
        if (map.containsKey("Fn::And")) {
            return arguments(map.get("Fn::And"), "Fn::And", -1).stream().allMatch(this::truth);
        }
        if (map.containsKey("Fn::Or")) {
            return arguments(map.get("Fn::Or"), "Fn::Or", -1).stream().anyMatch(this::truth);
        }
        throw new IllegalArgumentException("not a condition: " + expression);
    }

    private Optional<String> evaluate(Object value) {
        if (value == null) {
            return Optional.of("");
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        if (value instanceof Map<?, ?> raw && raw.size() == 1) {
            Map<String, Object> map = SamTemplate.asMap(raw, "intrinsic");
            String function = map.keySet().iterator().next();
            Object argument = map.get(function);
            return switch (function) {
                case "Ref" -> ref(String.valueOf(argument));
                case "Fn::GetAtt" -> {
                    List<Object> args = arguments(argument, function, 2);
                    yield Optional.of(getAtt(String.valueOf(args.get(0)), String.valueOf(args.get(1))));
                }
                case "Fn::Sub" -> Optional.of(sub(argument));
                case "Fn::If" -> {
                    List<Object> args = arguments(argument, function, 3);
                    yield evaluate(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
                }
                case "Fn::Join" -> {
                    List<Object> args = arguments(argument, function, 2);
                    List<String> parts = new ArrayList<>();
                    for (Object part : listOf(args.get(1), function)) {
                        evaluate(part).ifPresent(parts::add);
                    }
                    yield Optional.of(String.join(String.valueOf(args.get(0)), parts));
                }
                case "Fn::Select" -> {
                    List<Object> args = arguments(argument, function, 2);
                    int index = Integer.parseInt(evaluate(args.get(0)).orElseThrow());
                    yield evaluate(listOf(args.get(1), function).get(index));
                }
                case "Fn::FindInMap" -> {
                    List<Object> args = arguments(argument, function, 3);
                    Map<String, Object> first = SamTemplate.mapAt(template.mappings(),
                            evaluate(args.get(0)).orElseThrow());
                    Map<String, Object> second = SamTemplate.mapAt(first, evaluate(args.get(1)).orElseThrow());
                    String key = evaluate(args.get(2)).orElseThrow();
                    if (!second.containsKey(key)) {
                        throw new IllegalArgumentException("Fn::FindInMap: no " + args + " in Mappings");
                    }
                    yield evaluate(second.get(key));
                }
                default -> throw new IllegalArgumentException(function + " is not supported by the local stack: "
                        + value);
            };
        }
        throw new IllegalArgumentException("cannot resolve " + value + " to a string");
    }

    private Optional<String> ref(String name) {
        switch (name) {
            case NO_VALUE:
                return Optional.empty();
            case "AWS::Region":
                return Optional.of(LocalAwsAccount.REGION);
            case "AWS::AccountId":
                return Optional.of(LocalAwsAccount.ACCOUNT_ID);
            case "AWS::Partition":
                return Optional.of(LocalAwsAccount.PARTITION);
            case "AWS::URLSuffix":
                return Optional.of(LocalAwsAccount.URL_SUFFIX);
            case "AWS::StackName":
                return Optional.of(LocalAwsAccount.STACK_NAME);
            case "AWS::StackId":
                return Optional.of("arn:aws:cloudformation:" + LocalAwsAccount.REGION + ":"
                        + LocalAwsAccount.ACCOUNT_ID + ":stack/" + LocalAwsAccount.STACK_NAME + "/local");
            default:
                break;
        }
        if (template.parameters().containsKey(name)) {
            return Optional.of(template.parameterValue(name).orElseThrow(() -> new IllegalStateException(
                    "parameter " + name + " has no Default: give it a value (SamTemplate.withParameterValues)")));
        }
        return Optional.of(resources.ref(name).orElseThrow(() -> new IllegalArgumentException(
                "!Ref " + name + ": neither a parameter nor a resource the local stack provisions")));
    }

    private String getAtt(String logicalId, String attribute) {
        return resources.getAtt(logicalId, attribute).orElseThrow(() -> new IllegalArgumentException(
                "!GetAtt " + logicalId + "." + attribute + ": not available in the local stack"));
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            List<Object> args = arguments(list, "Fn::Sub", 2);
            text = String.valueOf(args.get(0));
            variables = SamTemplate.asMap(args.get(1), "Fn::Sub variables");
        } else {
            text = String.valueOf(argument);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}"; // ${!Literal} escapes a literal ${Literal}
            } else if (variables.containsKey(name)) {
                replacement = evaluate(variables.get(name)).orElse("");
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                replacement = getAtt(name.substring(0, dot), name.substring(dot + 1));
            } else {
                replacement = ref(name).orElse("");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String withoutDynamicReferences(String value) {
        return DYNAMIC_REFERENCE.matcher(value).replaceAll("");
    }

    private static List<Object> arguments(Object raw, String function, int expected) {
        List<Object> args = listOf(raw, function);
        if (expected >= 0 && args.size() != expected) {
            throw new IllegalArgumentException(function + " takes " + expected + " arguments, got " + raw);
        }
        return args;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Object raw, String function) {
        if (raw instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException(function + ": expected a list, got " + raw);
    }
}
