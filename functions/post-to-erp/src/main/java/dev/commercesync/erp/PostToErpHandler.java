package dev.commercesync.erp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.pipeline.batch.SqsBatchProcessor;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import jakarta.inject.Named;

/**
 * Lambda entry point for the FIFO ERP posting queue: decodes each {@code commerce.order.v1} posting and hands it to
 * {@link ErpPostingService}; the batch processor reports only the failed message ids back to Lambda.
 */
@Named("post-to-erp")
public class PostToErpHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchProcessor processor;
    private final EventCodec codec;
    private final ErpPostingService posting;
    private final BusinessMetrics metrics;

    public PostToErpHandler(SqsBatchProcessor processor, EventCodec codec, ErpPostingService posting,
                            BusinessMetrics metrics) {
        this.processor = processor;
        this.codec = codec;
        this.posting = posting;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return metrics.flushAfter(() -> processor.process(event, context, message ->
                posting.post(codec.decode(message.body(), SchemaId.ORDER_V1, CanonicalOrder.class))));
    }
}
