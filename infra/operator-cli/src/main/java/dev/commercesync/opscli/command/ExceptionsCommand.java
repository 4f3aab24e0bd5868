package dev.commercesync.opscli.command;

import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.opscli.CommandFailure;
import dev.commercesync.opscli.DurationText;
import dev.commercesync.opscli.ExitCodes;
import dev.commercesync.opscli.OperatorSession;
import dev.commercesync.opscli.dlq.QueueDirectory;
import dev.commercesync.opscli.output.TextTable;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.SqsEventPublisher;
import dev.commercesync.pipeline.operations.DynamoDbOperatorAudit;
import dev.commercesync.pipeline.operations.ExceptionFilter;
import dev.commercesync.pipeline.operations.ExceptionPage;
import dev.commercesync.pipeline.operations.ExceptionQuery;
import dev.commercesync.pipeline.operations.ExceptionRetry;
import dev.commercesync.pipeline.operations.OpenException;
import dev.commercesync.pipeline.operations.RetryOutcome;
import dev.commercesync.pipeline.operations.RetryTargets;
import dev.commercesync.pipeline.orderstate.BusinessExceptionType;
import dev.commercesync.pipeline.orderstate.DynamoDbOrderStateStore;
import dev.commercesync.pipeline.tracing.MessageTracing;
import io.opentelemetry.api.OpenTelemetry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code exceptions list | retry}: the operations core the operator API runs ({@link ExceptionQuery},
 * {@link ExceptionRetry}), called directly with the operator's own AWS credentials.
 */
@Command(name = "exceptions", description = "Business exceptions (mapping failures, conflicts, ERP rejections).",
        subcommands = {ExceptionsCommand.ListOpen.class, ExceptionsCommand.Retry.class})
public final class ExceptionsCommand {

    @Command(name = "list", description = "Open business exceptions, oldest first (one line per order: its oldest open one).")
    static final class ListOpen extends OperatorCommand {

        @Option(names = "--type", paramLabel = "<type>", description = "MAPPING_FAILED, CONFLICT or ERP_REJECTED.")
        Optional<String> type = Optional.empty();

        @Option(names = "--channel", paramLabel = "<channel>", description = "shopify, amazon or ebay.")
        Optional<String> channel = Optional.empty();

        @Option(names = "--older-than", paramLabel = "<duration>", description = "Open longer than this: 90s, 15m, 2h, 3d, PT1H.")
        Optional<String> olderThan = Optional.empty();

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "50",
                description = "At most this many (1 to " + ExceptionFilter.MAX_LIMIT + ", default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--cursor", paramLabel = "<cursor>", description = "Continue where the previous page ended.")
        Optional<String> cursor = Optional.empty();

        @Override
        int run(OperatorSession session) {
            ExceptionFilter filter;
            try {
                filter = new ExceptionFilter(
                        type.map(t -> BusinessExceptionType.fromText(t).orElseThrow(() -> CommandFailure.usage(
                                "--type must be one of " + Arrays.stream(BusinessExceptionType.values())
                                        .map(Enum::name).collect(Collectors.joining(", "))))),
                        channel.map(ExceptionsCommand::salesChannel),
                        olderThan.map(DurationText::parse), limit, cursor);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(e.getMessage());
            }
            DynamoDbOrderStateStore store = new DynamoDbOrderStateStore(session.aws().dynamoDb(),
                    session.requireOrderStateTable());
            ExceptionPage page;
            try {
                page = new ExceptionQuery(store, Clock.systemUTC()).list(filter);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(e.getMessage());
            }
            session.printer().result(page, out -> print(out, page));
            return ExitCodes.OK;
        }

        private static void print(PrintWriter out, ExceptionPage page) {
            if (page.exceptions().isEmpty()) {
                out.println("no open exceptions");
            } else {
                TextTable table = new TextTable("EXCEPTION ID", "AT", "TYPE", "ORDER KEY", "ORDER STATUS", "OPEN",
                        "REASON", "CORRELATION ID");
                for (OpenException e : page.exceptions()) {
                    table.row(e.exceptionId(), DlqCommand.at(e.at()), e.type(), e.orderKey(), e.orderStatus(),
                            e.openOnOrder(), TextTable.clip(e.reason(), 80), e.correlationId());
                }
                out.print(table.render());
            }
            if (page.nextCursor() != null) {
                out.println("more: the same command with --cursor " + page.nextCursor());
            }
        }
    }

    @Command(name = "retry", description = "Re-submits the order behind one exception once its cause is fixed: "
            + "MAPPING_FAILED maps the kept raw payload again (intake queue), ERP_REJECTED posts the accepted order "
            + "again (posting queue); CONFLICT is refused (only a new channel version carries a change). Audited "
            + "(who, when, why) in the operator audit table.")
    static final class Retry extends OperatorCommand {

        @Parameters(index = "0", paramLabel = "<exceptionId>", description = "As exceptions list or order show it.")
        String exceptionId;

        @Option(names = "--reason", required = true, paramLabel = "<text>", description = "What was fixed (kept in the audit record).")
        String reason;

        @Option(names = "--dry-run", description = "Only check and show what would be sent (audited as a dry run).")
        boolean dryRun;

        @Option(names = "--intake-queue", paramLabel = "<url|name>",
                description = "Intake queue (default: $INTAKE_QUEUE_URL, else found by name: OrderIntakeQueue).")
        Optional<String> intakeQueue = Optional.empty();

        @Option(names = "--posting-queue", paramLabel = "<url|name>",
                description = "ERP posting queue (default: $POSTING_QUEUE_URL, else found by name: ErpPostingQueue).")
        Optional<String> postingQueue = Optional.empty();

        @Override
        int run(OperatorSession session) {
            if (reason.isBlank()) {
                throw CommandFailure.usage("--reason must say what was fixed");
            }
            String auditTable = session.requireAuditTable();
            String actor = session.actor();
            QueueDirectory queues = new QueueDirectory(session.aws().sqs(), session.stack());
            RetryTargets targets = new RetryTargets(
                    queueUrl(queues, intakeQueue.or(() -> session.options().env("INTAKE_QUEUE_URL")),
                            "OrderIntakeQueue"),
                    queueUrl(queues, postingQueue.or(() -> session.options().env("POSTING_QUEUE_URL")),
                            "ErpPostingQueue"));
            ExceptionRetry retry = new ExceptionRetry(
                    new DynamoDbOrderStateStore(session.aws().dynamoDb(), session.requireOrderStateTable()),
                    new SqsEventPublisher(session.aws().sqs(), new EventCodec(),
                            new MessageTracing(OpenTelemetry.noop())),
                    new DynamoDbOperatorAudit(session.aws().dynamoDb(), auditTable), targets, Clock.systemUTC());
            RetryOutcome outcome;
            try {
                outcome = retry.retry(exceptionId, actor, reason, dryRun);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(e.getMessage());
            }
            session.printer().result(Map.of("outcome", outcome.getClass().getSimpleName(), "detail", outcome),
                    out -> out.println(describe(outcome)));
            if (outcome instanceof RetryOutcome.Retried) {
                return ExitCodes.OK;
            }
            if (outcome instanceof RetryOutcome.UnknownException) {
                return ExitCodes.NOT_FOUND;
            }
            return ExitCodes.INCOMPLETE;
        }

        private static String queueUrl(QueueDirectory queues, Optional<String> given, String logicalId) {
            String nameOrUrl = given.orElse(logicalId);
            return nameOrUrl.startsWith("http") ? nameOrUrl : queues.queue(nameOrUrl).url();
        }

        private static String describe(RetryOutcome outcome) {
            if (outcome instanceof RetryOutcome.Retried r) {
                return (r.dryRun() ? "DRY RUN: would retry " : "retried ") + r.exceptionId() + " (" + r.type()
                        + ") of " + r.orderKey() + ": " + (r.dryRun() ? "would send to " : "event " + r.eventId()
                        + " sent to ") + r.queueUrl() + "; audit record " + r.auditId();
            }
            if (outcome instanceof RetryOutcome.UnknownException u) {
                return "no exception " + u.exceptionId();
            }
            if (outcome instanceof RetryOutcome.NotRetryable n) {
                return "not retried: " + n.exceptionId() + " " + n.detail();
            }
            if (outcome instanceof RetryOutcome.OrderChanged c) {
                return "not retried: " + c.exceptionId() + ": " + c.detail();
            }
            RetryOutcome.NotQueued q = (RetryOutcome.NotQueued) outcome;
            return "NOT QUEUED: " + q.exceptionId() + ": " + q.detail() + " (audit record " + q.auditId() + ")";
        }
    }

    static SalesChannel salesChannel(String id) {
        return SalesChannel.fromId(id).orElseThrow(() -> CommandFailure.usage("unknown channel '" + id + "'; one of "
                + Arrays.stream(SalesChannel.values()).map(SalesChannel::id).collect(Collectors.joining(", "))));
    }
}
