package dev.commercesync.runlocal.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.runlocal.lambda.Invocation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lambda's rules for what a batch response lets the event source delete. */
class BatchSettlementTest {

    private static final List<String> BATCH = List.of("m-1", "m-2", "m-3");
    private final ObjectMapper json = new ObjectMapper();

    private List<String> deletable(Invocation outcome) {
        return BatchSettlement.of(outcome, BATCH, true, json).deletable(BATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}"})
    void answersThatMeanEverythingSucceeded(String payload) {
        assertThat(deletable(new Invocation.Success("r", payload))).isEqualTo(BATCH);
    }

    @Test
    void listedFailuresStayAndTheRestGo() {
        assertThat(deletable(new Invocation.Success("r",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"},{\"itemIdentifier\":\"m-2\"}]}")))
                .containsExactly("m-1", "m-3");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "\"ok\"",
        "[]",
        "{\"batchItemFailures\":\"m-2\"}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":42}]}",
        "{\"batchItemFailures\":[{\"itemId\":\"m-2\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"},{\"itemIdentifier\":\"not-in-this-batch\"}]}"})
    void answersThatCannotBeTrustedKeepTheWholeBatch(String payload) {
        assertThat(deletable(new Invocation.Success("r", payload))).isEmpty();
    }

    @Test
    void failedInvocationsKeepTheWholeBatch() {
        assertThat(deletable(new Invocation.FunctionError("r", "java.lang.RuntimeException", "boom", "{}"))).isEmpty();
        assertThat(deletable(new Invocation.Timeout("r", Duration.ofSeconds(30)))).isEmpty();
        assertThat(deletable(new Invocation.Crashed("r", "Runtime exited with error: signal: killed"))).isEmpty();
    }

    @Test
    void withoutReportBatchItemFailuresAnySuccessDeletesAll() {
        Invocation listed = new Invocation.Success("r", "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}");

        assertThat(BatchSettlement.of(listed, BATCH, false, json).deletable(BATCH)).isEqualTo(BATCH);
        assertThat(BatchSettlement.of(new Invocation.Success("r", "not json"), BATCH, false, json).deletable(BATCH))
                .isEqualTo(BATCH);
    }
}
