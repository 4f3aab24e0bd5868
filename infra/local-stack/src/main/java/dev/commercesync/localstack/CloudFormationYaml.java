package dev.commercesync.localstack;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads CloudFormation/SAM YAML, turning the short-form tags into the long form CloudFormation itself uses, so the
 * rest of the code sees one shape: {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s} becomes {@code {"Fn::Sub": s}}, and so on.
 */
final class CloudFormationYaml {

    /** Every intrinsic with a short form, as CloudFormation spells it after {@code Fn::}. */
    private static final List<String> FUNCTIONS = List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs",
            "If", "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform");

    private CloudFormationYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String text) {
        LoaderOptions options = new LoaderOptions();
        // A key written twice is a mistake in a template; CloudFormation rejects it too.
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new ShortFormConstructor(options)).load(text);
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a template must be a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    private static final class ShortFormConstructor extends SafeConstructor {

        ShortFormConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        private Object contentOf(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(key, contentOf(node));
            }
        }

        /** {@code !GetAtt Resource.Attribute} is the only short form whose scalar must be split. */
        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object content = contentOf(node);
                if (content instanceof String text) {
                    int dot = text.indexOf('.');
                    if (dot <= 0) {
                        throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + text + "'");
                    }
                    // Split at the first dot only: attributes such as Endpoint.Address contain dots themselves.
                    content = List.of(text.substring(0, dot), text.substring(dot + 1));
                }
                return Map.of("Fn::GetAtt", content);
            }
        }
    }
}
