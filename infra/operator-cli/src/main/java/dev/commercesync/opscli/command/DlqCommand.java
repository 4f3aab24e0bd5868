package dev.commercesync.opscli.command;

import dev.commercesync.opscli.CommandFailure;
import dev.commercesync.opscli.DurationText;
import dev.commercesync.opscli.ExitCodes;
import dev.commercesync.opscli.OperatorSession;
import dev.commercesync.opscli.dlq.DeadLetter;
import dev.commercesync.opscli.dlq.DeadLetterFilter;
import dev.commercesync.opscli.dlq.DeadLetterQueue;
import dev.commercesync.opscli.dlq.DeadLetterQueueSummary;
import dev.commercesync.opscli.dlq.DeadLetters;
import dev.commercesync.opscli.dlq.OrderStates;
import dev.commercesync.opscli.dlq.QueueDirectory;
import dev.commercesync.opscli.dlq.QueueInfo;
import dev.commercesync.opscli.dlq.RedriveReport;
import dev.commercesync.opscli.dlq.Selection;
import dev.commercesync.opscli.dlq.StoredOrderStates;
import dev.commercesync.opscli.output.Printer;
import dev.commercesync.opscli.output.TextTable;
import dev.commercesync.pipeline.operations.AuditRecord;
import dev.commercesync.pipeline.operations.DynamoDbOperatorAudit;
import dev.commercesync.pipeline.orderstate.DynamoDbOrderStateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code dlq list | show | redrive}. */
@Command(name = "dlq", description = "Dead-letter queues: list them, look at their messages, redrive messages.",
        subcommands = {DlqCommand.ListDlqs.class, DlqCommand.Show.class, DlqCommand.Redrive.class})
public final class DlqCommand {

    static final String ERRORS_HELP = "ERRORS: a DLQ message carries no error text. The ORDER STATUS and LAST "
            + "RECORDED ERROR columns come from the order-state table: the order's status and the last business "
            + "exception recorded on it (mapping failure, conflict, ERP rejection). Transient failures that exhaust "
            + "the receives (timeouts, ERP 5xx, throttling, a crashed function) are recorded nowhere but the "
            + "consumer's logs: search them by the message's correlationId. Messages that are not order events "
            + "(stock, listings) have no order to look up.";

    @Command(name = "list", description = "Every dead-letter queue of the stack (queues some redrive policy points "
            + "at, and queues named like DLQs) with message counts, the age of the oldest message and the source "
            + "queues. The age needs a look at the messages: they are received and handed straight back (their "
            + "receive counts go up by one; nothing is consumed). Standard DLQs keep the original send time; FIFO "
            + "DLQs restart it when SQS moves the message, so their age is the time spent in the DLQ.")
    static final class ListDlqs extends OperatorCommand {

        @Option(names = "--scan-limit", paramLabel = "<n>", defaultValue = "1000",
                description = "Look at most at this many messages per DLQ for the oldest age (default: ${DEFAULT-VALUE}).")
        int scanLimit;

        @Option(names = "--name", paramLabel = "<text>", defaultValue = "",
                description = "Only DLQs whose name contains <text> (case-insensitive).")
        String name;

        @Override
        int run(OperatorSession session) {
            DeadLetters deadLetters = new DeadLetters(session.aws().sqs(),
                    new QueueDirectory(session.aws().sqs(), session.stack()), OrderStates.none(),
                    Clock.systemUTC(), Duration.ofSeconds(30), Math.max(1, scanLimit));
            List<DeadLetterQueueSummary> summaries = deadLetters.list(name);
            session.printer().result(Map.of("deadLetterQueues", summaries), out -> {
                if (summaries.isEmpty()) {
                    out.println("no dead-letter queues" + session.stack().map(s -> " in stack " + s).orElse(""));
                    return;
                }
                TextTable table = new TextTable("DLQ", "MESSAGES", "IN FLIGHT", "OLDEST", "SOURCE QUEUE");
                for (DeadLetterQueueSummary s : summaries) {
                    table.row(s.name(), s.messages(), s.inFlight(),
                            s.oldestAge() == null ? null : (s.ageCapped() ? "≥" : "") + DurationText.format(s.oldestAge()),
                            s.sources().isEmpty() ? "(none found)" : String.join(", ", s.sources()));
                }
                out.print(table.render());
                long total = summaries.stream().mapToLong(DeadLetterQueueSummary::messages).sum();
                out.println(total + " message(s) in " + summaries.size() + " DLQ(s)");
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "The messages on one DLQ, without consuming them: each is received with "
            + "a short visibility timeout and handed straight back (ChangeMessageVisibility 0). <queue> is the "
            + "queue's name, its URL or its template name (ErpPostingDLQ).", footer = {"", ERRORS_HELP})
    static final class Show extends OperatorCommand {

        @Parameters(index = "0", paramLabel = "<queue>", description = "The DLQ: name, URL or template name.")
        String queue;

        @Mixin
        DlqFilterOptions filters;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "50",
                description = "Show at most this many matching messages (default: ${DEFAULT-VALUE}; 0 for all).")
        int limit;

        @Override
        int run(OperatorSession session) {
            DeadLetterFilter filter = filters.filter(limit);
            QueueDirectory directory = new QueueDirectory(session.aws().sqs(), session.stack());
            DeadLetterQueue dlq = directory.deadLetterQueue(queue);
            DeadLetters deadLetters = new DeadLetters(session.aws().sqs(), directory, orderStates(session, filter),
                    Clock.systemUTC(), filters.hold(), filters.scanLimit());
            Selection selection = deadLetters.show(dlq, filter);
            session.printer().result(selection, out -> {
                out.println(dlq.name() + ": " + selection.matched().size() + " of " + selection.scanned()
                        + " message(s) looked at match (" + selection.filter() + ")"
                        + (selection.capped() ? "; stopped at --scan-limit, the queue may hold more" : ""));
                if (!selection.matched().isEmpty()) {
                    out.print(letterTable(selection.matched(), true).render());
                }
            });
            if (dlq.queue().fifo() && !session.printer().json()) {
                session.printer().note("FIFO: SQS hides a message group's later messages while its earlier ones "
                        + "are being looked at; a group's next messages show once its first ones leave the DLQ.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "redrive", description = {"Moves messages of one DLQ back to the queue they came from (the "
            + "queue whose redrive policy names the DLQ, or --to): same body and message attributes; on FIFO the "
            + "same message group and a fresh deduplication id. Each message is deleted from the DLQ only after its "
            + "copy was sent.", "Without --execute this is a DRY RUN: it lists exactly the messages an --execute run "
            + "would move now, and moves nothing. Every run, dry or not, is written to the operator audit table "
            + "(who, when, which messages, why).", "Replays are safe: the pipeline suppresses duplicates (dedupe by "
            + "event key, the ERP by order reference)."},
            footer = {"", DlqCommand.ERRORS_HELP})
    static final class Redrive extends OperatorCommand {

        @Parameters(index = "0", paramLabel = "<queue>", description = "The DLQ: name, URL or template name.")
        String queue;

        @Mixin
        DlqFilterOptions filters;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "0",
                description = "Move at most this many matching messages (default: all that match).")
        int limit;

        @Option(names = "--dry-run", description = "Only list what would move (the default).")
        boolean dryRun;

        @Option(names = "--execute", description = "Really move the messages (needs --reason).")
        boolean execute;

        @Option(names = "--reason", paramLabel = "<text>", description = "Why (kept in the audit record); required with --execute.")
        Optional<String> reason = Optional.empty();

        @Option(names = "--to", paramLabel = "<queue>", description = "Target queue when the DLQ has no single source queue.")
        Optional<String> to = Optional.empty();

        @Override
        int run(OperatorSession session) {
            if (execute && dryRun) {
                throw CommandFailure.usage("--dry-run and --execute exclude each other");
            }
            if (execute && reason.filter(r -> !r.isBlank()).isEmpty()) {
                throw CommandFailure.usage("--execute needs --reason \"<why these messages go back>\"");
            }
            DeadLetterFilter filter = filters.filter(limit);
            QueueDirectory directory = new QueueDirectory(session.aws().sqs(), session.stack());
            DeadLetterQueue dlq = directory.deadLetterQueue(queue);
            QueueInfo target = target(directory, dlq);
            Printer printer = session.printer();

            // An audited change knows where its record goes and who is acting before it touches a message.
            Optional<String> auditTable;
            String actor;
            if (execute) {
                auditTable = Optional.of(session.requireAuditTable());
                actor = session.actor();
            } else {
                auditTable = session.auditTable();
                actor = auditTable.isPresent() ? session.actor() : null;
                if (auditTable.isEmpty()) {
                    printer.note("note: no operator audit table found; this dry run is not audited");
                }
            }

            DeadLetters deadLetters = new DeadLetters(session.aws().sqs(), directory, orderStates(session, filter),
                    Clock.systemUTC(), filters.hold(), filters.scanLimit());
            RedriveReport report = deadLetters.redrive(dlq, target, filter, execute);

            String auditId = null;
            boolean audited = true;
            if (auditTable.isPresent()) {
                auditId = AuditRecord.newId();
                try {
                    new DynamoDbOperatorAudit(session.aws().dynamoDb(), auditTable.get())
                            .record(auditRecord(auditId, actor, report));
                } catch (SdkException e) {
                    audited = false;
                    printer.note("AUDIT RECORD NOT WRITTEN to " + auditTable.get() + ": " + e.getMessage()
                            + " — the output below is the only record of this redrive; keep it.");
                }
            }
            String writtenAuditId = audited ? auditId : null;
            printer.result(new RedriveResult(report, writtenAuditId), out -> printRedrive(out, report, writtenAuditId));
            if (report.notReleased() > 0) {
                printer.note(report.notReleased() + " message(s) could not be handed back at once; SQS returns them "
                        + "to the DLQ within " + filters.hold);
            }
            return report.complete() && audited ? ExitCodes.OK : ExitCodes.INCOMPLETE;
        }

        private QueueInfo target(QueueDirectory directory, DeadLetterQueue dlq) {
            if (to.isPresent()) {
                return directory.queue(to.get());
            }
            if (dlq.sources().size() == 1) {
                return dlq.sources().get(0);
            }
            if (dlq.sources().isEmpty()) {
                throw CommandFailure.notFound("no queue's redrive policy names " + dlq.name()
                        + ": say where its messages go with --to <queue>");
            }
            throw CommandFailure.usage(dlq.name() + " is the DLQ of several queues ("
                    + dlq.sources().stream().map(QueueInfo::name).collect(Collectors.joining(", "))
                    + "): say which with --to <queue>");
        }

        private AuditRecord auditRecord(String auditId, String actor, RedriveReport report) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("deadLetterQueue", report.deadLetterQueue());
            details.put("targetQueue", report.targetQueue());
            details.put("filter", report.filter());
            details.put("scanned", Integer.toString(report.scanned()));
            details.put("selected", Integer.toString(report.selected().size()));
            details.put("moved", Integer.toString(report.moved().size()));
            details.put("orderKeys", report.selected().stream().map(DeadLetter::orderKey)
                    .filter(k -> k != null).distinct().collect(Collectors.joining(",")));
            if (!report.failed().isEmpty()) {
                details.put("failed", report.failed().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            List<String> subjects = report.dryRun()
                    ? report.selected().stream().map(DeadLetter::messageId).toList()
                    : report.moved();
            return new AuditRecord(auditId, Instant.now(), actor, AuditRecord.DLQ_REDRIVE, report.deadLetterQueue(),
                    subjects, reason.orElse(null), report.dryRun(), details);
        }

        private static void printRedrive(java.io.PrintWriter out, RedriveReport report, String auditId) {
            if (report.dryRun()) {
                out.println("DRY RUN, nothing moved: " + report.selected().size() + " of " + report.scanned()
                        + " message(s) would move from " + report.deadLetterQueue() + " to " + report.targetQueue()
                        + " (" + report.filter() + ")");
            } else {
                out.println("moved " + report.moved().size() + " of " + report.selected().size()
                        + " selected message(s) from " + report.deadLetterQueue() + " to " + report.targetQueue()
                        + " (" + report.filter() + ")");
            }
            if (!report.selected().isEmpty()) {
                TextTable table = new TextTable("MESSAGE ID", "SENT", "GROUP", "ORDER KEY", "CORRELATION ID",
                        "ORDER STATUS", "LAST RECORDED ERROR", "RESULT");
                for (DeadLetter letter : report.selected()) {
                    String result = report.dryRun() ? "would move"
                            : report.moved().contains(letter.messageId()) ? "moved"
                            : "NOT MOVED: " + report.failed().get(letter.messageId());
                    table.row(letter.messageId(), at(letter.sentAt()), letter.messageGroupId(), letter.orderKey(),
                            letter.correlationId(), letter.order() == null ? null : letter.order().status(),
                            TextTable.clip(letter.order() == null ? null : letter.order().lastError(), 60), result);
                }
                out.print(table.render());
            }
            if (report.capped()) {
                out.println("stopped at --scan-limit: the DLQ may hold more messages");
            }
            if (report.dryRun() && !report.selected().isEmpty()) {
                out.println("to move exactly these: the same command with --execute --reason \"<why>\""
                        + " (add --message-id <id> for each to pin them)");
            }
            if (auditId != null) {
                out.println("audit record " + auditId + (report.dryRun() ? " (dry run)" : ""));
            }
        }
    }

    /** The JSON of a redrive: the report plus where it was audited. */
    record RedriveResult(RedriveReport report, String auditId) {
    }

    static OrderStates orderStates(OperatorSession session, DeadLetterFilter filter) {
        Optional<String> table = session.orderStateTable();
        if (table.isEmpty()) {
            if (filter.needsOrderState()) {
                throw CommandFailure.environment("--error needs the order-state table: give --order-state-table, "
                        + "set ORDER_STATE_TABLE, or name the stack with --stack");
            }
            session.printer().note("note: no order-state table found: order status and last error not shown");
            return OrderStates.none();
        }
        return new StoredOrderStates(new DynamoDbOrderStateStore(session.aws().dynamoDb(), table.get()));
    }

    static TextTable letterTable(List<DeadLetter> letters, boolean full) {
        TextTable table = new TextTable("MESSAGE ID", "SENT", "FIRST RECEIVED", "RECEIVES", "GROUP", "SCHEMA",
                "CHANNEL", "ORDER KEY", "CORRELATION ID", "EVENT ID", "ORDER STATUS", "LAST RECORDED ERROR");
        for (DeadLetter letter : letters) {
            table.row(letter.messageId(), at(letter.sentAt()), at(letter.firstReceivedAt()), letter.receiveCount(),
                    letter.messageGroupId(), letter.schema(), letter.channel(), letter.orderKey(),
                    letter.correlationId(), letter.eventId(), letter.order() == null ? null : letter.order().status(),
                    full ? (letter.order() == null ? null : letter.order().lastError())
                            : TextTable.clip(letter.order() == null ? null : letter.order().lastError(), 60));
        }
        return table;
    }

    static String at(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
