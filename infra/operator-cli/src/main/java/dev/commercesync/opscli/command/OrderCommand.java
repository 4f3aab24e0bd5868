package dev.commercesync.opscli.command;

import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.opscli.CommandFailure;
import dev.commercesync.opscli.ExitCodes;
import dev.commercesync.opscli.OperatorSession;
import dev.commercesync.opscli.output.TextTable;
import dev.commercesync.pipeline.orderstate.DynamoDbOrderStateStore;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** {@code order <channel> <channelOrderId>}. */
@Command(name = "order", description = "One order: its state, every timeline step with its trace id, and its "
        + "business exceptions with their ids (for exceptions retry). Buyer data and payloads are not shown.")
public final class OrderCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "<channel>", description = "shopify, amazon or ebay")
    String channel;

    @Parameters(index = "1", paramLabel = "<channelOrderId>", description = "The channel's own order id.")
    String channelOrderId;

    /**
     * The order as the operator reads it; the canonical order and raw payload stay out (they carry buyer data).
     *
     * @param exceptions each with the id {@code exceptions retry} takes
     */
    record OrderView(String orderKey, String status, long version, Instant updatedAt, String correlationId,
                     Instant sourceUpdatedAt, Instant postedSourceUpdatedAt, String erpDocumentId,
                     List<TimelineEntry> timeline, List<ExceptionView> exceptions) {
    }

    record ExceptionView(String exceptionId, Instant at, String type, String state, String reason,
                         String correlationId, Instant retriedAt, String retriedBy, String retryReason,
                         Instant resolvedAt, String resolution) {
    }

    @Override
    int run(OperatorSession session) {
        SalesChannel salesChannel = SalesChannel.fromId(channel).orElseThrow(() -> CommandFailure.usage(
                "unknown channel '" + channel + "'; one of " + Arrays.stream(SalesChannel.values())
                        .map(SalesChannel::id).collect(Collectors.joining(", "))));
        ChannelOrderKey key = new ChannelOrderKey(salesChannel, channelOrderId);
        String table = session.requireOrderStateTable();
        OrderRecord order = new DynamoDbOrderStateStore(session.aws().dynamoDb(), table).find(key)
                .orElseThrow(() -> CommandFailure.notFound("no order " + key.value() + " in " + table));
        OrderView view = view(order);
        session.printer().result(view, out -> {
            TextTable state = new TextTable("ORDER", "STATUS", "VERSION", "UPDATED", "CHANNEL VERSION", "IN ERP",
                    "ERP DOCUMENT", "CORRELATION ID");
            state.row(view.orderKey(), view.status(), view.version(), DlqCommand.at(view.updatedAt()),
                    DlqCommand.at(view.sourceUpdatedAt()), DlqCommand.at(view.postedSourceUpdatedAt()),
                    view.erpDocumentId(), view.correlationId());
            out.print(state.render());
            out.println();
            out.println("timeline (" + view.timeline().size() + " steps)");
            TextTable timeline = new TextTable("AT", "STEP", "CORRELATION ID", "TRACE ID", "DETAIL");
            view.timeline().forEach(e -> timeline.row(e.at(), e.step(), e.correlationId(), e.traceId(), e.detail()));
            out.print(timeline.render());
            out.println();
            if (view.exceptions().isEmpty()) {
                out.println("no business exceptions");
            } else {
                out.println("exceptions (" + view.exceptions().size() + ")");
                TextTable exceptions = new TextTable("EXCEPTION ID", "AT", "TYPE", "STATE", "REASON",
                        "CORRELATION ID", "RETRIED", "BY", "WHY", "RESOLVED", "HOW");
                view.exceptions().forEach(e -> exceptions.row(e.exceptionId(), DlqCommand.at(e.at()), e.type(),
                        e.state(), e.reason(), e.correlationId(), DlqCommand.at(e.retriedAt()), e.retriedBy(),
                        e.retryReason(), DlqCommand.at(e.resolvedAt()), e.resolution()));
                out.print(exceptions.render());
            }
        });
        return ExitCodes.OK;
    }

    private static OrderView view(OrderRecord order) {
        List<ExceptionView> exceptions = new ArrayList<>();
        for (int i = 0; i < order.exceptions().size(); i++) {
            OrderException e = order.exceptions().get(i);
            exceptions.add(new ExceptionView(order.exceptionId(i).value(), e.at(), e.type(), e.state().name(),
                    e.reason(), e.correlationId(), e.retriedAt(), e.retriedBy(), e.retryReason(), e.resolvedAt(),
                    e.resolution()));
        }
        return new OrderView(order.orderKey(), order.status() == null ? null : order.status().name(),
                order.version(), order.updatedAt(), order.correlationId(), order.sourceUpdatedAt(),
                order.postedSourceUpdatedAt(), order.erpDocumentId(), order.timeline(), exceptions);
    }
}
