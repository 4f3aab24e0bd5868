package dev.commercesync.runlocal.esm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.runlocal.lambda.Invocation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which records of a batch the event source may delete once the function has run, by Lambda's rules for SQS
 * ({@code ReportBatchItemFailures}). When in doubt, nothing is deleted: a message processed twice is the
 * function's idempotency problem, a message deleted unprocessed is lost.
 */
sealed interface BatchSettlement {

    /** The function succeeded for every record. */
    record AllSucceeded() implements BatchSettlement {
    }

    /** Only the listed records failed; the rest may go. */
    record SomeFailed(Set<String> failedMessageIds) implements BatchSettlement {
    }

    /** The batch as a whole failed; every record stays for redelivery. */
    record AllFailed(String reason) implements BatchSettlement {
    }

    /** The ids of {@code messageIds} that may be deleted. */
    default List<String> deletable(List<String> messageIds) {
        // Java 17: no pattern matching in switch yet.
        if (this instanceof SomeFailed some) {
            return messageIds.stream().filter(id -> !some.failedMessageIds().contains(id)).toList();
        }
        return this instanceof AllSucceeded ? messageIds : List.of();
    }

    /**
     * Settles a batch on the invocation's outcome.
     * <ul>
     *   <li>Function error, timeout, crash: all failed.</li>
     *   <li>Without {@code ReportBatchItemFailures}: success means all succeeded, whatever the payload.</li>
     *   <li>With it: an empty or {@code null} payload, no {@code batchItemFailures}, or an empty list: all
     *       succeeded. Listed ids: those failed. A payload that is not JSON, not an object, a list that is not a
     *       list, an entry whose {@code itemIdentifier} is missing, null, empty, not a string or not one of the
     *       batch's message ids: all failed.</li>
     * </ul>
     */
    static BatchSettlement of(Invocation invocation, List<String> messageIds, boolean reportBatchItemFailures,
                              ObjectMapper json) {
        if (invocation instanceof Invocation.Success success) {
            return reportBatchItemFailures ? fromResponse(success.payload(), messageIds, json) : new AllSucceeded();
        }
        if (invocation instanceof Invocation.FunctionError error) {
            return new AllFailed("function error " + error.errorType() + ": " + error.errorMessage());
        }
        if (invocation instanceof Invocation.Timeout timeout) {
            return new AllFailed("timed out after " + timeout.limit().toMillis() + " ms");
        }
        if (invocation instanceof Invocation.Crashed crashed) {
            return new AllFailed(crashed.reason());
        }
        throw new IllegalArgumentException("unknown outcome " + invocation);
    }

    private static BatchSettlement fromResponse(String payload, List<String> messageIds, ObjectMapper json) {
        if (payload == null || payload.isBlank()) {
            return new AllSucceeded();
        }
        JsonNode response;
        try {
            response = json.readTree(payload);
        } catch (JsonProcessingException e) {
            return new AllFailed("the response is not JSON: " + abbreviate(payload));
        }
        if (response == null || response.isNull()) {
            return new AllSucceeded();
        }
        if (!response.isObject()) {
            return new AllFailed("the response is not a batch response: " + abbreviate(payload));
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return new AllSucceeded();
        }
        if (!failures.isArray()) {
            return new AllFailed("batchItemFailures is not a list: " + abbreviate(payload));
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return new AllFailed("a batch item failure without a usable itemIdentifier: " + failure);
            }
            if (!messageIds.contains(id.asText())) {
                return new AllFailed("itemIdentifier " + id.asText() + " is not a message of this batch");
            }
            failed.add(id.asText());
        }
        return failed.isEmpty() ? new AllSucceeded() : new SomeFailed(Set.copyOf(failed));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
