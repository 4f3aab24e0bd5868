package dev.commercesync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.read(RepositoryRoot.template(RepositoryRoot.locate()));

    @Test
    void readsShortFormTagsAsLongFormIntrinsics() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  Thing:
                    Type: Custom::Thing
                    Properties:
                      A: !Ref Param
                      B: !GetAtt Db.Endpoint.Address
                      C: !GetAtt [Queue, Arn]
                      D: !Sub 'arn:${AWS::Partition}:x'
                      E: !Sub ['${X}-y', {X: !Ref Param}]
                      F: !If [Cond, !Select [0, [a, b]], !Join ['-', [a, !FindInMap [M, k, v]]]]
                      G: !Not [!Equals [!Ref Param, '']]
                      H: !Condition Cond
                """);

        Map<String, Object> properties = SamTemplate.mapAt(SamTemplate.mapAt(template.resources(), "Thing"),
                "Properties");
        assertThat(properties.get("A")).isEqualTo(Map.of("Ref", "Param"));
        assertThat(properties.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")));
        assertThat(properties.get("C")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        assertThat(properties.get("D")).isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:x"));
        assertThat(properties.get("E")).isEqualTo(Map.of("Fn::Sub",
                List.of("${X}-y", Map.of("X", Map.of("Ref", "Param")))));
        assertThat(properties.get("F")).isEqualTo(Map.of("Fn::If", List.of("Cond",
                Map.of("Fn::Select", List.of(0, List.of("a", "b"))),
                Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Fn::FindInMap", List.of("M", "k", "v"))))))));
        assertThat(properties.get("G")).isEqualTo(Map.of("Fn::Not",
                List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "Param"), "")))));
        assertThat(properties.get("H")).isEqualTo(Map.of("Condition", "Cond"));
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(() -> SamTemplate.parse("Resources: {}\nResources: {}\n"))
                .hasMessageContaining("Resources");
    }

    @Test
    void exposesParametersWithTheirDefaults() {
        assertThat(TEMPLATE.parameters().get("IdempotencyTtlDays").defaultValue()).contains("35");
        assertThat(TEMPLATE.parameters().get("MaxReceiveCount").defaultValue()).contains("5");
        assertThat(TEMPLATE.parameters().get("ErpBaseUrl").defaultValue()).isEmpty();
        assertThat(TEMPLATE.parameterValue("ShopifyWebhookSecretArn")).contains("");
    }

    @Test
    void exposesQueuesWithRedriveResolvedFromParameters() {
        SamTemplate.Queue intake = TEMPLATE.queue("OrderIntakeQueue");
        assertThat(intake.fifo()).isFalse();
        assertThat(intake.queueName()).isEqualTo("OrderIntakeQueue");
        assertThat(intake.effectiveVisibilityTimeout()).isEqualTo(180);
        assertThat(intake.maximumMessageSize()).hasValue(262_144);
        assertThat(intake.redrive()).contains(new SamTemplate.Redrive("OrderIntakeDLQ", 5));

        SamTemplate.Queue posting = TEMPLATE.queue("ErpPostingQueue");
        assertThat(posting.fifo()).isTrue();
        assertThat(posting.contentBasedDeduplication()).isFalse();
        assertThat(posting.queueName()).isEqualTo("ErpPostingQueue.fifo");
        assertThat(posting.redrive()).contains(new SamTemplate.Redrive("ErpPostingDLQ", 10));

        assertThat(TEMPLATE.queue("ErpPostingDLQ").messageRetentionPeriod()).hasValue(1_209_600);
        assertThat(TEMPLATE.queues()).extracting(SamTemplate.Queue::logicalId).containsExactlyInAnyOrder(
                "OrderIntakeQueue", "OrderIntakeDLQ", "CanonicalOrderQueue", "CanonicalOrderDLQ",
                "ErpPostingQueue", "ErpPostingDLQ", "InventoryQueue", "InventoryDLQ", "ShopifyInventoryQueue",
                "ShopifyInventoryDLQ", "AmazonInventoryQueue", "AmazonInventoryDLQ", "EbayInventoryQueue",
                "EbayInventoryDLQ");
        assertThat(TEMPLATE.queue("AmazonInventoryQueue").redrive())
                .contains(new SamTemplate.Redrive("AmazonInventoryDLQ", 20));
    }

    @Test
    void exposesTablesWithKeysIndexesAndTtl() {
        SamTemplate.Table orderState = TEMPLATE.table("OrderStateTable");
        assertThat(orderState.keySchema()).isEqualTo(new SamTemplate.KeySchema("orderKey", Optional.empty()));
        assertThat(orderState.billingMode()).isEqualTo("PAY_PER_REQUEST");
        assertThat(orderState.index("status-updatedAt-index")).get().satisfies(index -> {
            assertThat(index.keySchema()).isEqualTo(new SamTemplate.KeySchema("status", Optional.of("updatedAt")));
            assertThat(index.projectionType()).isEqualTo("ALL");
        });
        assertThat(orderState.attributeTypes()).containsEntry("status", "S").containsEntry("updatedAt", "S");
        assertThat(orderState.index("open-exception-index")).get().satisfies(index -> {
            assertThat(index.keySchema())
                    .isEqualTo(new SamTemplate.KeySchema("openExceptionType", Optional.of("openExceptionAt")));
            assertThat(index.projectionType()).isEqualTo("ALL");
        });

        SamTemplate.Table audit = TEMPLATE.table("OperatorAuditTable");
        assertThat(audit.keySchema()).isEqualTo(new SamTemplate.KeySchema("auditId", Optional.empty()));
        assertThat(audit.billingMode()).isEqualTo("PAY_PER_REQUEST");

        SamTemplate.Table idempotency = TEMPLATE.table("IdempotencyTable");
        assertThat(idempotency.keySchema().hashKey()).isEqualTo("idempotencyKey");
        assertThat(idempotency.ttlAttribute()).contains("expiresAt");
    }

    @Test
    void mergesGlobalsIntoFunctions() {
        SamTemplate.Function map = TEMPLATE.function("MapFunction");
        assertThat(map.runtime()).isEqualTo("java21");
        assertThat(map.memorySize()).isEqualTo(1024);
        assertThat(map.timeout()).isEqualTo(30);
        assertThat(map.codeUri()).isEqualTo("../functions/map/target/function.zip");
        assertThat(map.environment())
                .containsEntry("CANONICAL_QUEUE_URL", Map.of("Ref", "CanonicalOrderQueue"))
                .containsEntry("QUARKUS_LOG_LEVEL", Map.of("Ref", "LogLevel"))
                .containsEntry("DISABLE_SIGNAL_HANDLERS", "true");
        assertThat(map.sqsEvents()).singleElement().satisfies(event -> {
            assertThat(event.queueLogicalId()).isEqualTo("OrderIntakeQueue");
            assertThat(event.batchSize()).isEqualTo(10);
            assertThat(event.maximumBatchingWindowInSeconds()).hasValue(1);
            assertThat(event.maximumConcurrency()).hasValue(10);
            assertThat(event.reportsBatchItemFailures()).isTrue();
        });

        SamTemplate.Function post = TEMPLATE.function("PostToErpFunction");
        assertThat(post.sqsEvents()).singleElement().satisfies(event ->
                assertThat(event.maximumBatchingWindowInSeconds()).isEmpty());
    }

    @Test
    void exposesHttpApiRoutes() {
        assertThat(TEMPLATE.function("IngestFunction").httpApiEvents())
                .extracting(SamTemplate.HttpApiEvent::method, SamTemplate.HttpApiEvent::path,
                        e -> e.apiLogicalId().orElseThrow())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("POST", "/v1/orders/{channel}", "OrdersHttpApi"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/v1/inventory-events", "OrdersHttpApi"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/v1/listings/{sku}", "OrdersHttpApi"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/v1/listings/{sku}", "OrdersHttpApi"));
        assertThat(TEMPLATE.function("OperatorApiFunction").httpApiEvents())
                .extracting(SamTemplate.HttpApiEvent::method, SamTemplate.HttpApiEvent::path)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("GET", "/v1/orders/{channel}/{channelOrderId}"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/v1/exceptions"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/v1/exceptions/{exceptionId}/retry"));
    }

    @Test
    void parameterValuesReplaceDefaults() {
        SamTemplate tuned = TEMPLATE.withParameterValues(Map.of("MapBatchSize", "7", "MaxReceiveCount", "3"));

        assertThat(tuned.function("MapFunction").sqsEvents().get(0).batchSize()).isEqualTo(7);
        assertThat(tuned.queue("OrderIntakeQueue").redrive().orElseThrow().maxReceiveCount()).isEqualTo(3);
        assertThat(TEMPLATE.function("MapFunction").sqsEvents().get(0).batchSize()).isEqualTo(10);
        assertThatThrownBy(() -> TEMPLATE.withParameterValues(Map.of("NoSuchKnob", "1")))
                .hasMessageContaining("NoSuchKnob");
    }

    @Test
    void nativeTemplateDiffersOnlyInRuntimeProperties() {
        SamTemplate nativeTemplate = SamTemplate.read(RepositoryRoot.locate().resolve("infra/template-native.yaml"));

        assertThat(JvmNativeParity.differences(TEMPLATE, nativeTemplate)).isEmpty();
        assertThat(nativeTemplate.functions()).allSatisfy(f -> {
            assertThat(f.runtime()).isEqualTo("provided.al2023");
            assertThat(f.handler()).isEqualTo("not.used.in.provided.runtime");
        });
        assertThat(SamTemplate.mapAt(nativeTemplate.functionGlobals(), "SnapStart")).isEmpty();
        assertThat(SamTemplate.mapAt(TEMPLATE.functionGlobals(), "SnapStart"))
                .containsEntry("ApplyOn", "PublishedVersions");
    }

    @Test
    void parityReportsAnythingElse() {
        SamTemplate jvm = SamTemplate.parse("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a::b
                      Environment: {Variables: {A: '1', JAVA_TOOL_OPTIONS: -Xss1m}}
                """);
        SamTemplate nativeTemplate = SamTemplate.parse("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: provided.al2023
                      Handler: not.used.in.provided.runtime
                      Environment: {Variables: {A: '2'}}
                """);

        assertThat(JvmNativeParity.differences(jvm, nativeTemplate))
                .containsExactly("Resources.F.Properties.Environment.Variables.A: JVM has 1, native has 2");
    }
}
