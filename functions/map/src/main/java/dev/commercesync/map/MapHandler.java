package dev.commercesync.map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.commercesync.pipeline.batch.SqsBatchProcessor;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import jakarta.inject.Named;

/** Intake queue → {@link OrderMappingStep} → canonical order queue. */
@Named("map")
public class MapHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchProcessor processor;
    private final OrderMappingStep step;
    private final BusinessMetrics metrics;

    public MapHandler(SqsBatchProcessor processor, OrderMappingStep step, BusinessMetrics metrics) {
        this.processor = processor;
        this.step = step;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return metrics.flushAfter(() -> processor.process(event, context, step::handle));
    }
}
