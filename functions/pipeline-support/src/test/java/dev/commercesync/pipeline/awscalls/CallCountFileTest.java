package dev.commercesync.pipeline.awscalls;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CallCountFileTest {

    @Test
    void rendersOneLinePerOperationInColumnOrder() {
        CallTally tally = new CallTally();
        tally.add("Sqs", "SendMessageBatch", new CallFigures(1, 2, 0, 3, 0, 0, 0));
        tally.add("DynamoDb", "PutItem", new CallFigures(1, 1, 1, 1, 0, 0, 1000));
        tally.add("DynamoDb", "PutItem", new CallFigures(1, 1, 0, 1, 1, 0, 2000));

        String text = CallCountFile.render("DedupeFunction", 42, tally.snapshot(),
                Instant.parse("2026-11-26T21:00:00Z"));

        assertThat(text.lines()).containsSubsequence(
                "# " + CallCountFile.COLUMNS,
                "function=DedupeFunction",
                "pid=42",
                "writtenAt=2026-11-26T21:00:00Z",
                "DynamoDb.PutItem=2,2,1,2,1,0,3000",
                "Sqs.SendMessageBatch=1,2,0,3,0,0,0");
        assertThat(tally.changes()).isEqualTo(3);
    }

    @Test
    void asksForConsumedCapacityOnlyWhereTheCallerLeftItUnset() {
        SdkRequest plain = PutItemRequest.builder().tableName("t").build();
        SdkRequest indexes = PutItemRequest.builder().tableName("t")
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();
        SdkRequest sqs = SendMessageRequest.builder().queueUrl("q").messageBody("b").build();

        assertThat(((PutItemRequest) AwsCallCounter.withConsumedCapacityTotal(plain)).returnConsumedCapacity())
                .isEqualTo(ReturnConsumedCapacity.TOTAL);
        assertThat(AwsCallCounter.withConsumedCapacityTotal(indexes)).isSameAs(indexes);
        assertThat(AwsCallCounter.withConsumedCapacityTotal(sqs)).isSameAs(sqs);
    }

    @Test
    void figuresAddAndSubtract() {
        CallFigures a = new CallFigures(1, 2, 3, 4, 5, 6, 7);
        assertThat(a.plus(a).minus(a)).isEqualTo(a);
        assertThat(new TreeMap<>(Map.of("x", a.minus(a)))).containsEntry("x", CallFigures.NONE);
    }
}
