package dev.commercesync.runlocal.usage;

import dev.commercesync.runlocal.esm.SqsPollerCalls;
import dev.commercesync.runlocal.lambda.InvocationStats;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arithmetic from counts to calls per order and cost per million orders; no stack. */
class UsageReportTest {

    /** What the functions' call counter writes (pipeline-support's CallCountFileTest renders the same shape). */
    private static final String DEDUPE_FILE = """
            # AWS SDK calls of one function process (dev.commercesync.pipeline.awscalls)
            # calls,attempts,failures,payloadChunks,itemsWritten,itemsRead,capacityMilli
            function=DedupeFunction
            pid=4711
            writtenAt=2026-11-26T21:00:00Z
            DynamoDb.PutItem=100,100,0,100,100,0,100000
            DynamoDb.UpdateItem=100,100,0,100,100,0,200000
            Sqs.SendMessage.fifo=100,100,0,100,0,0,0
            DynamoDb.DescribeTable=1,1,0,1,0,0,0
            """;

    @Test
    void readsTheCounterFileAndAddsUpProcessesOfAFunction() {
        FunctionCallCounts one = FunctionCallCounts.parse(DEDUPE_FILE);
        assertThat(one.function()).isEqualTo("DedupeFunction");
        assertThat(one.pid()).isEqualTo(4711);
        assertThat(one.operations().get("DynamoDb.UpdateItem"))
                .isEqualTo(new OperationCounts(100, 100, 0, 100, 100, 0, 200000));

        Map<String, Map<String, OperationCounts>> sums = UsageSnapshot.byFunction(List.of(one, one));
        assertThat(sums.get("DedupeFunction").get("DynamoDb.PutItem").calls()).isEqualTo(200);
    }

    @Test
    void refusesAFileWithUnknownColumns() {
        assertThatThrownBy(() -> FunctionCallCounts.parse("function=X\nDynamoDb.PutItem=1,2\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void perOrderFiguresAndCostPerMillionOrders() {
        UsageSnapshot usage = new UsageSnapshot(
                UsageSnapshot.byFunction(List.of(FunctionCallCounts.parse(DEDUPE_FILE))),
                List.of(new UsageSnapshot.Poller("DedupeFunction", "CanonicalOrderQueue", false,
                        new SqsPollerCalls(20, 7, 20, 20))),
                Map.of("DedupeFunction", new InvocationStats(20, 2_000)),
                Map.of("DedupeFunction", 1024),
                List.of(new UsageSnapshot.Route("POST /v1/orders/{channel}", "IngestFunction", 100)));

        UsageReport report = UsageReport.of(usage, 100, prices());

        assertThat(report.orderChainWrites().writeCalls()).isEqualByComparingTo("2");
        assertThat(report.orderChainWrites().writeUnits()).as("capacity reported: 1 + 2 WRU")
                .isEqualByComparingTo("3");
        assertThat(report.orderChainWrites().met()).isTrue();
        List<CostModel.Line> chain = report.costPerMillion().get("order chain");
        // 0.2 invocations per order at $0.20 per million requests → $0.04 per million orders
        assertThat(cost(chain, "Lambda requests")).isEqualByComparingTo("0.04");
        // 20 ms per order at 1 GB → 0.02 GB-s × $0.0000166667 × 1e6 = $0.333334
        assertThat(cost(chain, "Lambda duration (x86)")).isEqualByComparingTo("0.3333");
        // 3 WRU per order at $0.625 per million
        assertThat(cost(chain, "DynamoDB on-demand writes")).isEqualByComparingTo("1.875");
        // FIFO: 1 send per order at $0.50; standard: (20 receives + 20 deletes) / 100 orders at $0.40
        assertThat(cost(chain, "SQS FIFO")).isEqualByComparingTo("0.50");
        assertThat(cost(chain, "SQS standard")).isEqualByComparingTo("0.16");
        assertThat(cost(chain, "API Gateway HTTP API")).isEqualByComparingTo("1.00");
        assertThat(cost(chain, "total")).isEqualByComparingTo("3.9083");
        assertThat(report.leftOut()).containsEntry("unpriced SDK calls (DynamoDb.DescribeTable)", 1L)
                .containsValue(7L);
        assertThat(report.table()).contains("target ≤ 3 per delivered order version: met");
    }

    @Test
    void ingestIsSharedOutByItsRoutes() {
        String ingestFile = """
                # calls,attempts,failures,payloadChunks,itemsWritten,itemsRead,capacityMilli
                function=IngestFunction
                pid=1
                Sqs.SendMessage=100,100,0,100,0,0,0
                Sqs.SendMessageBatch.fifo=25,25,0,25,0,0,0
                DynamoDb.PutItem=5,5,0,5,5,0,5000
                """;
        UsageSnapshot usage = new UsageSnapshot(UsageSnapshot.byFunction(List.of(FunctionCallCounts.parse(ingestFile))),
                List.of(), Map.of("IngestFunction", new InvocationStats(125, 1_250)), Map.of("IngestFunction", 1024),
                List.of(new UsageSnapshot.Route("POST /v1/orders/{channel}", "IngestFunction", 100),
                        new UsageSnapshot.Route("POST /v1/inventory-events", "IngestFunction", 25)));

        UsageReport report = UsageReport.of(usage, 100, prices());

        assertThat(report.functions()).extracting(UsageReport.FunctionRow::group, UsageReport.FunctionRow::invocations)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("order chain", new BigDecimal("1.000")),
                        org.assertj.core.groups.Tuple.tuple("inventory", new BigDecimal("0.250")));
        assertThat(report.functionCalls()).filteredOn(r -> r.group().equals("order chain"))
                .extracting(UsageReport.CallRow::operation).containsExactly("SendMessage");
        assertThat(report.orderChainWrites().writeCalls()).as("the listing write is the stock route's")
                .isEqualByComparingTo("0");
    }

    @Test
    void aFailedConditionalWriteIsStillAWriteUnit() {
        OperationCounts puts = new OperationCounts(2, 2, 1, 2, 1, 0, 1000);
        assertThat(puts.requestUnits()).isEqualByComparingTo("2");
        assertThat(new OperationCounts(3, 3, 0, 3, 3, 0, 0).requestUnits()).as("no capacity reported: per item")
                .isEqualByComparingTo("3");
    }

    @Test
    void sqsBillsEach64KbChunk() {
        assertThat(SqsPollerCalls.billedRequests(0)).isEqualTo(1);
        assertThat(SqsPollerCalls.billedRequests(65_536)).isEqualTo(1);
        assertThat(SqsPollerCalls.billedRequests(65_537)).isEqualTo(2);
        assertThat(SqsPollerCalls.billedRequests(256 * 1024)).isEqualTo(4);
    }

    @Test
    void thePublishedPricesLoadWithASourceEach() {
        AwsPrices published = AwsPrices.published();
        assertThat(published.region()).isEqualTo("us-east-1");
        assertThat(published.dynamoDbPerMillionWriteUnits()).isEqualByComparingTo("0.625");
        assertThat(published.sources()).containsKeys("lambda.requests.source", "lambda.x86.gb-second.source",
                "sqs.source", "dynamodb.source", "apigateway.http.source");
    }

    @Test
    void noOrdersNoPerOrderFigures() {
        UsageSnapshot empty = new UsageSnapshot(Map.of(), List.of(), Map.of(), Map.of(), List.of());
        assertThatThrownBy(() -> UsageReport.of(empty, 0, prices())).isInstanceOf(IllegalArgumentException.class);
    }

    private static AwsPrices prices() {
        return AwsPrices.published();
    }

    private static BigDecimal cost(List<CostModel.Line> lines, String item) {
        return lines.stream().filter(l -> l.item().equals(item)).findFirst().orElseThrow().costPerMillionOrders();
    }
}
