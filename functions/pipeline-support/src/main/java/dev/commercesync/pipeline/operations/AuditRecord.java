package dev.commercesync.pipeline.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One operator action on the pipeline, kept in the operator audit table: who did what to which messages or orders,
 * and why.
 *
 * @param auditId  unique id ({@link #newId()}), the table's partition key
 * @param actor    who acted: the IAM caller ARN behind the HTTP API, or the CLI's AWS identity
 * @param action   {@link #EXCEPTION_RETRY}, {@link #DLQ_REDRIVE}, ...
 * @param target   what was acted on: an exception id, a queue
 * @param subjects the orders or messages concerned (order keys, message ids)
 * @param reason   the operator's reason, as given
 * @param dryRun   true when nothing was changed, only shown
 * @param details  what happened, for the reader (event ids sent, counts, outcome)
 */
public record AuditRecord(String auditId, Instant at, String actor, String action, String target,
                          List<String> subjects, String reason, boolean dryRun, Map<String, String> details) {

    /** A business exception re-submitted to the pipeline. */
    public static final String EXCEPTION_RETRY = "EXCEPTION_RETRY";
    /** Messages moved from a dead-letter queue back to their source queue. */
    public static final String DLQ_REDRIVE = "DLQ_REDRIVE";

    public AuditRecord {
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
