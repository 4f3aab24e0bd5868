package dev.commercesync.opscli;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds a template resource's physical name among listed names. The local stack names queues and tables by logical
 * id ({@code .fifo} added); CloudFormation names them {@code <stack>-<LogicalId>-<RANDOM>}, so without
 * {@code --stack} a name is accepted only when exactly one stack in the account has that resource.
 */
public final class StackNames {

    private StackNames() {
    }

    /**
     * @throws CommandFailure (usage) when several stacks match and {@code stack} does not say which
     */
    public static Optional<String> find(Collection<String> names, String logicalId, Optional<String> stack) {
        List<String> exact = names.stream().filter(n -> base(n).equals(logicalId)).toList();
        if (exact.size() == 1) {
            return Optional.of(exact.get(0));
        }
        List<String> generated = names.stream()
                .filter(n -> stack.map(s -> base(n).startsWith(s + "-" + logicalId + "-"))
                        .orElseGet(() -> base(n).contains("-" + logicalId + "-")))
                .toList();
        if (generated.size() > 1) {
            throw CommandFailure.usage("several resources look like " + logicalId + ": " + String.join(", ", generated)
                    + (stack.isPresent() ? "" : "; say which stack with --stack <name>"));
        }
        return generated.stream().findFirst();
    }

    /** The name without the FIFO suffix. */
    static String base(String name) {
        return name.endsWith(".fifo") ? name.substring(0, name.length() - ".fifo".length()) : name;
    }
}
