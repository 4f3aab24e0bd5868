package dev.commercesync.dedupe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.commercesync.pipeline.batch.SqsBatchProcessor;
import jakarta.inject.Named;

/** Canonical order queue → {@link OrderDeduplication} → ERP posting queue. */
@Named("dedupe")
public class DedupeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchProcessor processor;
    private final OrderDeduplication deduplication;

    public DedupeHandler(SqsBatchProcessor processor, OrderDeduplication deduplication) {
        this.processor = processor;
        this.deduplication = deduplication;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return processor.process(event, context, deduplication::handle);
    }
}
