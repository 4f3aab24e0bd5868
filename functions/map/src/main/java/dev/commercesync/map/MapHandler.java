package dev.commercesync.map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.commercesync.pipeline.batch.SqsBatchProcessor;
import jakarta.inject.Named;

/** Intake queue → {@link OrderMappingStep} → canonical order queue. */
@Named("map")
public class MapHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchProcessor processor;
    private final OrderMappingStep step;

    public MapHandler(SqsBatchProcessor processor, OrderMappingStep step) {
        this.processor = processor;
        this.step = step;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return processor.process(event, context, step::handle);
    }
}
