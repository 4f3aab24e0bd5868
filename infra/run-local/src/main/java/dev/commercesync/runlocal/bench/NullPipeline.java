package dev.commercesync.runlocal.bench;

import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.LocalStack;
import dev.commercesync.runlocal.lambda.FunctionDefinition;
import dev.commercesync.runlocal.lambda.FunctionInvoker;

import java.util.Map;
import java.util.Optional;

/**
 * The ceiling: every function of the template replaced by an in-process null function that makes the AWS calls of
 * {@link CallPlan} and nothing else, on the same emulators, queues, tables, event source mappings (same batch sizes,
 * windows and MaximumConcurrency) and HTTP API. What it reaches is what the local stack itself allows; our functions
 * can only be slower.
 */
final class NullPipeline implements LocalStack.StandIns {

    private final Map<String, BenchOrder> ordersByBody;
    private final NullErp erp = new NullErp();

    /** @param ordersByBody every delivery body the bench will post, with its order's facts */
    NullPipeline(Map<String, BenchOrder> ordersByBody) {
        this.ordersByBody = Map.copyOf(ordersByBody);
    }

    NullErp erp() {
        return erp;
    }

    @Override
    public Optional<FunctionInvoker> standIn(FunctionDefinition definition, RunningEmulators emulators) {
        NullFunction function = switch (definition.logicalId()) {
            case "IngestFunction" -> new NullIngest(definition, emulators, ordersByBody);
            case "MapFunction" -> new NullMap(definition, emulators);
            case "DedupeFunction" -> new NullDedupe(definition, emulators);
            case "PostToErpFunction" -> new NullPostToErp(definition, emulators, erp);
            case "PublishInventoryFunction" -> new NullInventory(definition, emulators);
            default -> new NullIdle(definition, emulators);
        };
        return Optional.of(function);
    }
}
