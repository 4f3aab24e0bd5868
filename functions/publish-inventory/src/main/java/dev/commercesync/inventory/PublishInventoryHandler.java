package dev.commercesync.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.batch.SqsBatchProcessor;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import jakarta.inject.Named;

import java.util.Optional;

/**
 * The inventory queue → {@link StockStep}; a channel's queue → {@link ChannelPublishing} for that channel. One
 * function with an event source per queue: each source scales (and is throttled) on its own.
 */
@Named("publish-inventory")
public class PublishInventoryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchProcessor processor;
    private final StockStep stock;
    private final ChannelPublishing publishing;
    private final InventoryConfig config;
    private final BusinessMetrics metrics;

    public PublishInventoryHandler(SqsBatchProcessor processor, StockStep stock, ChannelPublishing publishing,
                                   InventoryConfig config, BusinessMetrics metrics) {
        this.processor = processor;
        this.stock = stock;
        this.publishing = publishing;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Optional<SalesChannel> channel = event.getRecords() == null || event.getRecords().isEmpty() ? Optional.empty()
                : config.channelOfQueue(SqsBatchProcessor.queueName(event.getRecords().get(0).getEventSourceArn()));
        return metrics.flushAfter(() -> channel.isPresent()
                ? processor.processTogether(event, "publish-" + channel.get().id(),
                        messages -> publishing.handle(channel.get(), messages))
                : processor.processTogether(event, "stock", stock::handle));
    }
}
