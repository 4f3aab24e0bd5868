package dev.commercesync.pipeline.batch;

import java.time.Duration;

/** What became of one record handled by a {@link BatchHandler}. */
public sealed interface RecordOutcome {

    Done DONE = new Done();

    /** Finished: the message is deleted. Also for a record made redundant by a newer one in the same batch. */
    record Done() implements RecordOutcome {
    }

    /** Not now: the message goes back hidden for {@code delay} (a throttled or unavailable downstream). */
    record RetryLater(Duration delay, String reason) implements RecordOutcome {
    }

    /** Failed: the message comes back after the queue's visibility timeout, and after maxReceiveCount to the DLQ. */
    record Failed(String reason) implements RecordOutcome {
    }
}
