package dev.commercesync.runlocal.bench;

import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.runlocal.lambda.FunctionDefinition;

import java.util.List;

/** Null map: per record one SendMessage of the body it received to the canonical queue, as {@code OrderMappingStep}. */
final class NullMap extends NullSqsFunction {

    private final String canonicalQueueUrl;

    NullMap(FunctionDefinition definition, RunningEmulators emulators) {
        super(definition, emulators);
        this.canonicalQueueUrl = environment("CANONICAL_QUEUE_URL");
    }

    @Override
    List<String> handle(List<SqsRecord> records) {
        return eachRecord(records, record -> sqs.sendMessage(b -> b.queueUrl(canonicalQueueUrl)
                .messageBody(record.body()).messageAttributes(record.forwarded())));
    }
}
