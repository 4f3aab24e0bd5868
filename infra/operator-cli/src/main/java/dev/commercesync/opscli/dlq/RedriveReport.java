package dev.commercesync.opscli.dlq;

import java.util.List;
import java.util.Map;

/**
 * What a redrive did, or with {@code dryRun} would do.
 *
 * @param selected    the messages the filter took (for a dry run: exactly those an --execute run now would move)
 * @param moved       ids of messages sent to the target and deleted from the DLQ (empty for a dry run)
 * @param failed      ids of selected messages not moved, with the reason; they are still on the DLQ unless the
 *                    reason says otherwise
 * @param notReleased messages that could not be handed back at once; SQS returns them when their hold ends
 */
public record RedriveReport(String deadLetterQueue, String targetQueue, boolean dryRun, String filter, int scanned,
                            boolean capped, List<DeadLetter> selected, List<String> moved, Map<String, String> failed,
                            int notReleased) {

    public boolean complete() {
        return failed.isEmpty();
    }
}
