package dev.commercesync.dedupe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.commercesync.pipeline.batch.SqsBatchProcessor;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import jakarta.inject.Named;

/** Canonical order queue → {@link OrderDeduplication} → ERP posting queue. */
@Named("dedupe")
public class DedupeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchProcessor processor;
    private final OrderDeduplication deduplication;
    private final BusinessMetrics metrics;

    public DedupeHandler(SqsBatchProcessor processor, OrderDeduplication deduplication, BusinessMetrics metrics) {
        this.processor = processor;
        this.deduplication = deduplication;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return metrics.flushAfter(() -> processor.process(event, context, deduplication::handle));
    }
}
