package dev.commercesync.opscli.command;

import dev.commercesync.opscli.CommandFailure;
import dev.commercesync.opscli.ExitCodes;
import dev.commercesync.opscli.OperatorSession;
import dev.commercesync.opscli.output.TextTable;
import dev.commercesync.pipeline.operations.AuditRecord;
import dev.commercesync.pipeline.operations.DynamoDbOperatorAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/** {@code audit list}. */
@Command(name = "audit", description = "The operator audit trail: every redrive and exception retry, dry runs too.",
        subcommands = AuditCommand.ListRecords.class)
public final class AuditCommand {

    @Command(name = "list", description = "The latest audit records, newest first.")
    static final class ListRecords extends OperatorCommand {

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "20",
                description = "At most this many records (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(OperatorSession session) {
            if (limit < 1) {
                throw CommandFailure.usage("--limit must be at least 1");
            }
            String table = session.requireAuditTable();
            List<AuditRecord> records = new DynamoDbOperatorAudit(session.aws().dynamoDb(), table).recent(limit);
            session.printer().result(Map.of("auditRecords", records), out -> {
                if (records.isEmpty()) {
                    out.println("no audit records in " + table);
                    return;
                }
                TextTable rows = new TextTable("AT", "ACTOR", "ACTION", "TARGET", "DRY RUN", "SUBJECTS", "REASON",
                        "AUDIT ID");
                for (AuditRecord r : records) {
                    rows.row(DlqCommand.at(r.at()), r.actor(), r.action(), r.target(), r.dryRun() ? "yes" : "no",
                            subjects(r.subjects()), TextTable.clip(r.reason(), 60), r.auditId());
                }
                out.print(rows.render());
            });
            return ExitCodes.OK;
        }

        private static String subjects(List<String> subjects) {
            if (subjects.isEmpty()) {
                return "0";
            }
            return subjects.size() == 1 ? subjects.get(0) : subjects.size() + " (" + subjects.get(0) + ", …)";
        }
    }
}
