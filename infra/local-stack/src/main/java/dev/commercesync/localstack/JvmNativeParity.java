package dev.commercesync.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the JVM template with its native twin. They may differ only in what the runtime needs ({@code Runtime},
 * {@code Handler}, {@code SnapStart}, the JVM's {@code JAVA_TOOL_OPTIONS}) and in the top-level Description;
 * everything else (parameters, conditions, resources, environments, events, policies, outputs) must be identical,
 * so a native deploy behaves like the JVM one.
 */
public final class JvmNativeParity {

    /** Function properties that legitimately differ between a Java runtime and {@code provided.al2023}. */
    public static final Set<String> RUNTIME_PROPERTIES = Set.of("Runtime", "Handler", "SnapStart");
    /** Environment variables only a JVM reads. */
    public static final Set<String> JVM_ONLY_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private JvmNativeParity() {
    }

    /** Human-readable differences outside the runtime properties; empty when the templates match. */
    public static List<String> differences(SamTemplate jvm, SamTemplate nativeImage) {
        List<String> differences = new ArrayList<>();
        compare("", withoutRuntimeProperties(jvm), withoutRuntimeProperties(nativeImage), differences);
        return differences;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutRuntimeProperties(SamTemplate template) {
        Map<String, Object> document = deepCopy(template.document());
        document.remove("Description");
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) document
                .getOrDefault("Globals", new LinkedHashMap<>())).getOrDefault("Function", new LinkedHashMap<>());
        stripRuntime(globals);
        Map<String, Object> resources = (Map<String, Object>) document.getOrDefault("Resources", Map.of());
        for (Object resource : resources.values()) {
            Map<String, Object> r = (Map<String, Object>) resource;
            if (SamTemplate.FUNCTION_TYPE.equals(r.get("Type")) && r.get("Properties") instanceof Map<?, ?> p) {
                stripRuntime((Map<String, Object>) p);
            }
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    private static void stripRuntime(Map<String, Object> functionProperties) {
        RUNTIME_PROPERTIES.forEach(functionProperties::remove);
        if (functionProperties.get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            JVM_ONLY_VARIABLES.forEach(((Map<String, Object>) variables)::remove);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) new ArrayList<>(list.stream().map(JvmNativeParity::deepCopy).toList());
        }
        return value;
    }

    private static void compare(String path, Object jvm, Object nativeImage, List<String> differences) {
        if (jvm instanceof Map<?, ?> a && nativeImage instanceof Map<?, ?> b) {
            Set<String> keys = new TreeSet<>();
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                String at = path.isEmpty() ? key : path + "." + key;
                if (!a.containsKey(key)) {
                    differences.add(at + ": only in the native template");
                } else if (!b.containsKey(key)) {
                    differences.add(at + ": only in the JVM template");
                } else {
                    compare(at, a.get(key), b.get(key), differences);
                }
            }
        } else if (jvm instanceof List<?> a && nativeImage instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), differences);
            }
        } else if (!Objects.equals(jvm, nativeImage)) {
            differences.add(path + ": JVM has " + jvm + ", native has " + nativeImage);
        }
    }
}
