package dev.commercesync.ingest;

import dev.commercesync.pipeline.http.ProblemDetails.FieldProblem;

import java.util.List;

/** What became of a batch of stock figures. */
public sealed interface StockIntakeOutcome {

    /** The inventory queue has every figure, in the order sent. */
    record Queued(List<String> eventIds) implements StockIntakeOutcome {
    }

    /** The body is not JSON, or not a figure or an array of them; nothing was queued. */
    record Malformed(String detail) implements StockIntakeOutcome {
    }

    /** Some figures are not valid; nothing was queued. */
    record Invalid(List<FieldProblem> problems) implements StockIntakeOutcome {
    }

    /** The body or one figure's event is larger than the queue takes, or the batch has too many; nothing was queued. */
    record TooLarge(String detail) implements StockIntakeOutcome {
    }

    /**
     * The queue did not take the figures at {@code notQueuedIndexes} (0-based, in the order sent); every other figure
     * is queued. Sending those again is safe: a repeated figure is recognised by its sequence or asOf.
     */
    record NotQueued(List<Integer> notQueuedIndexes, int total, boolean single) implements StockIntakeOutcome {
    }
}
