package dev.commercesync.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the operations part of {@code infra/template.yaml} to what an operator relies on: every alarm notifies the
 * topic, decides what missing data means and links to a runbook that exists and answers the four questions; every DLQ
 * and every work queue is watched; the dashboard is valid JSON naming only resources the template has; the operator
 * API is IAM-only and the watchdog can only count. That alarms and dashboard read only metrics the code emits is
 * pipeline-support's {@code AlarmMetricsContractTest}, next to the metrics code.
 */
class OperationsTemplateTest {

    static final String ALARM_TYPE = "AWS::CloudWatch::Alarm";
    static final String NAMESPACE = "CommerceSync";
    static final List<String> RUNBOOK_SECTIONS = List.of("## What it means", "## How to look", "## How to fix",
            "## How to replay");
    private static final Set<String> MISSING_DATA = Set.of("breaching", "notBreaching", "ignore", "missing");
    private static final Pattern RUNBOOK_LINK = Pattern.compile("\\$\\{RunbookBaseUrl}/([a-z0-9-]+\\.md)$");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern SEARCHED_METRIC = Pattern.compile("MetricName=\"([A-Za-z]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root = RepositoryRoot.locate();
    private final SamTemplate template = SamTemplate.read(RepositoryRoot.template(root));

    // ---------------------------------------------------------------------------------------------------------- alarms

    @Test
    void everyAlarmNotifiesTheTopicBothWaysAndDecidesWhatMissingDataMeans() {
        assertThat(alarms()).hasSizeGreaterThanOrEqualTo(20);
        alarms().forEach((id, p) -> {
            assertThat(p.get("AlarmActions")).as("%s AlarmActions", id).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
            assertThat(p.get("OKActions")).as("%s OKActions", id).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
            assertThat(p.get("TreatMissingData")).as("%s TreatMissingData", id).isIn(MISSING_DATA);
        });
        assertThat(template.resourceType("AlarmTopic")).contains("AWS::SNS::Topic");
        assertThat(template.resourceCondition("AlarmEmailSubscription")).contains("HasAlarmEmail");
    }

    @Test
    void everyAlarmDescriptionIsOneLineEndingInARunbookThatAnswersTheFourQuestions() throws IOException {
        Path runbooks = root.resolve("infra/runbooks");
        Set<String> linked = new TreeSet<>();
        for (Map.Entry<String, Map<String, Object>> alarm : alarms().entrySet()) {
            String description = subText(alarm.getValue().get("AlarmDescription"), alarm.getKey());
            assertThat(description).as("%s description", alarm.getKey()).doesNotContain("\n");
            // CloudWatch's limit, with room for the parameters the text refers to.
            assertThat(description.length()).as("%s description length", alarm.getKey()).isLessThan(900);
            Matcher link = RUNBOOK_LINK.matcher(description);
            assertThat(link.find()).as("%s ends with ${RunbookBaseUrl}/<page>.md: %s", alarm.getKey(), description)
                    .isTrue();
            linked.add(link.group(1));
        }
        for (String page : linked) {
            Path file = runbooks.resolve(page);
            assertThat(file).as("runbook %s", page).isRegularFile();
            List<String> headings = Files.readAllLines(file).stream().filter(l -> l.startsWith("## ")).toList();
            assertThat(headings).as("sections of %s", page).containsSubsequence(RUNBOOK_SECTIONS);
        }
        // The index links every page, and every page is some alarm's.
        String index = Files.readString(runbooks.resolve("README.md"));
        try (Stream<Path> files = Files.list(runbooks)) {
            Set<String> pages = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(pages).isEqualTo(linked);
            assertThat(pages).allSatisfy(page -> assertThat(index).contains("](" + page + ")"));
        }
    }

    @Test
    void everyDeadLetterQueueHasANotEmptyAlarm() {
        Set<String> deadLetterQueues = new TreeSet<>();
        template.queues().forEach(q -> q.redrive().ifPresent(r -> deadLetterQueues.add(r.deadLetterQueueLogicalId())));

        assertThat(deadLetterQueues).hasSize(7);
        for (String dlq : deadLetterQueues) {
            assertThat(alarms().values()).as("not-empty alarm on %s", dlq).anySatisfy(p -> {
                assertThat(p.get("Namespace")).isEqualTo("AWS/SQS");
                assertThat(p.get("MetricName")).isEqualTo("ApproximateNumberOfMessagesVisible");
                assertThat(p.get("Dimensions")).isEqualTo(queueDimension(dlq));
                assertThat(p.get("Threshold")).isEqualTo(0);
                assertThat(p.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
            });
        }
    }

    @Test
    void everyWorkQueueHasAnAgeAlarmAndThePostingQueueWaitsLonger() {
        List<SamTemplate.Queue> workQueues = template.queues().stream().filter(q -> q.redrive().isPresent()).toList();

        assertThat(workQueues).hasSize(7);
        Map<String, Object> thresholds = new LinkedHashMap<>();
        for (SamTemplate.Queue queue : workQueues) {
            assertThat(alarms().values()).as("age alarm on %s", queue.logicalId()).anySatisfy(p -> {
                assertThat(p.get("Namespace")).isEqualTo("AWS/SQS");
                assertThat(p.get("MetricName")).isEqualTo("ApproximateAgeOfOldestMessage");
                assertThat(p.get("Dimensions")).isEqualTo(queueDimension(queue.logicalId()));
                assertThat(p.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
                thresholds.put(queue.logicalId(), p.get("Threshold"));
            });
        }
        int posting = template.intValue(thresholds.get("ErpPostingQueue"), "posting age threshold");
        thresholds.forEach((queue, threshold) -> {
            if (!queue.equals("ErpPostingQueue")) {
                assertThat(template.intValue(threshold, queue)).as("%s threshold", queue).isLessThan(posting);
            }
        });
    }

    @Test
    void thePipelineAlarmsWatchWhatTheBriefAskedFor() {
        List<AlarmMetric> metrics = alarmMetrics();
        Set<String> names = metrics.stream().filter(m -> m.namespace().equals(NAMESPACE)).map(AlarmMetric::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).containsExactlyInAnyOrder("OrdersStuck", "InventoryPublishLag", "InventoryDrift",
                "DuplicatesSuppressed", "OrdersReceived", "ErpCircuitStateChanges");
        assertThat(metrics).filteredOn(m -> m.name().equals("OrdersStuck"))
                .extracting(m -> m.dimensions().get("State"))
                .contains("PENDING_ERP", "MAPPING_FAILED", "ERP_REJECTED");
    }

    @Test
    void alarmsOnAwsMetricsNameResourcesOfTheTemplate() {
        for (AlarmMetric metric : alarmMetrics()) {
            switch (metric.namespace()) {
                case "AWS/SQS" -> assertThat(template.resourceType(
                        SamTemplate.referencedLogicalId(metric.dimensions().get("QueueName"), metric.alarm())))
                        .as("%s queue", metric.alarm()).contains(SamTemplate.QUEUE_TYPE);
                case "AWS/Lambda" -> assertThat(template.resourceType(
                        SamTemplate.referencedLogicalId(metric.dimensions().get("FunctionName"), metric.alarm())))
                        .as("%s function", metric.alarm()).contains(SamTemplate.FUNCTION_TYPE);
                case NAMESPACE -> {
                }
                default -> throw new AssertionError(metric.alarm() + ": unexpected namespace " + metric.namespace());
            }
        }
        // Errors and throttles of every function are watched.
        Set<String> functions = template.functions().stream().map(SamTemplate.Function::logicalId)
                .collect(Collectors.toSet());
        for (String lambdaMetric : List.of("Errors", "Throttles")) {
            assertThat(alarmMetrics().stream()
                    .filter(m -> m.namespace().equals("AWS/Lambda") && m.name().equals(lambdaMetric))
                    .map(m -> SamTemplate.referencedLogicalId(m.dimensions().get("FunctionName"), m.alarm()))
                    .collect(Collectors.toSet())).as("functions whose %s raise an alarm", lambdaMetric)
                    .isEqualTo(functions);
        }
    }

    @Test
    void duplicateRateNeverDividesByZero() {
        Map<String, Object> rate = alarms().get("DuplicateRateAlarm");
        List<Object> queries = SamTemplate.listAt(rate, "Metrics");
        String expression = queries.stream().map(q -> SamTemplate.asMap(q, "query"))
                .filter(q -> Boolean.TRUE.equals(q.get("ReturnData")))
                .map(q -> String.valueOf(q.get("Expression"))).findFirst().orElseThrow();

        assertThat(expression).matches("IF\\(received >= \\d+, 100 \\* duplicates / received, 0\\)");
    }

    // ------------------------------------------------------------------------------------------------------- dashboard

    @Test
    void dashboardBodyIsJsonNamingOnlyWhatTheTemplateHas() throws IOException {
        Map<String, Object> dashboard = SamTemplate.mapAt(SamTemplate.mapAt(template.resources(), "PipelineDashboard"),
                "Properties");
        String body = substituteWithDummies(dashboard.get("DashboardBody"), "PipelineDashboard");
        JsonNode widgets = JSON.readTree(body).path("widgets");

        assertThat(widgets.isArray()).isTrue();
        assertThat(widgets.size()).isGreaterThanOrEqualTo(15);
        Set<String> metricNames = new TreeSet<>();
        Set<String> titles = new TreeSet<>();
        for (JsonNode widget : widgets) {
            titles.add(widget.path("properties").path("title").asText());
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (metric.get(0).isTextual() && metric.get(0).asText().equals(NAMESPACE)) {
                    metricNames.add(metric.get(1).asText());
                }
                metric.forEach(part -> {
                    if (part.has("expression")) {
                        Matcher m = SEARCHED_METRIC.matcher(part.get("expression").asText());
                        while (m.find()) {
                            metricNames.add(m.group(1));
                        }
                    }
                });
            }
        }
        assertThat(metricNames).contains("OrdersReceived", "OrdersAccepted", "OrdersPosted", "DuplicatesSuppressed",
                "BusinessExceptions", "ErpLatency", "OrderToErpLatency", "InventoryPublishLag", "ChannelThrottles",
                "InventoryDrift", "ErpCircuitStateChanges", "OrdersStuck");
        assertThat(titles).contains("Alarms", "DLQ depth", "Queue depth (visible messages)");

        // The alarm widget shows every alarm.
        Set<String> shown = new TreeSet<>();
        Matcher arn = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}").matcher(String.valueOf(subTextRaw(
                dashboard.get("DashboardBody"))));
        while (arn.find()) {
            shown.add(arn.group(1));
        }
        assertThat(shown).isEqualTo(alarms().keySet());
    }

    // ---------------------------------------------------------------------------------------------- functions, access

    @Test
    void operatorRoutesAreServedByTheOperatorApiAndAllSignedWithIam() {
        Map<String, Object> events = SamTemplate.mapAt(template.mergedFunctionProperties("OperatorApiFunction"),
                "Events");
        Set<String> routes = new TreeSet<>();
        events.forEach((name, raw) -> {
            Map<String, Object> event = SamTemplate.asMap(raw, name);
            Map<String, Object> p = SamTemplate.mapAt(event, "Properties");
            assertThat(event.get("Type")).isEqualTo("HttpApi");
            assertThat(p.get("ApiId")).isEqualTo(Map.of("Ref", "OrdersHttpApi"));
            assertThat(SamTemplate.mapAt(p, "Auth").get("Authorizer")).as("%s authorizer", name).isEqualTo("AWS_IAM");
            routes.add(p.get("Method") + " " + p.get("Path"));
        });

        assertThat(routes).containsExactlyInAnyOrder("GET /v1/orders/{channel}/{channelOrderId}", "GET /v1/exceptions",
                "POST /v1/exceptions/{exceptionId}/retry");
        // Order state moved off ingest: one function per route.
        assertThat(template.functions()).filteredOn(f -> !f.logicalId().equals("OperatorApiFunction"))
                .flatExtracting(SamTemplate.Function::httpApiEvents)
                .extracting(SamTemplate.HttpApiEvent::path)
                .doesNotContain("/v1/orders/{channel}/{channelOrderId}", "/v1/exceptions");
        assertThat(template.function("IngestFunction").environment()).doesNotContainKey("ORDER_STATE_TABLE");
        assertThat(template.function("OperatorApiFunction").environment())
                .containsEntry("OPERATOR_TOKEN", Map.of("Ref", "LocalOperatorToken"))
                .containsKeys("ORDER_STATE_TABLE", "INTAKE_QUEUE_URL", "POSTING_QUEUE_URL", "OPERATOR_AUDIT_TABLE");
        Map<String, Object> token = SamTemplate.mapAt(SamTemplate.mapAt(template.document(), "Parameters"),
                "LocalOperatorToken");
        assertThat(token).containsEntry("NoEcho", true).containsEntry("Default", "");
    }

    @Test
    void watchdogMayOnlyQueryTheStatusIndex() {
        List<Map<String, Object>> statements = statements("WatchdogFunction");

        assertThat(statements).singleElement().satisfies(statement -> {
            assertThat(statement.get("Action")).isIn("dynamodb:Query", List.of("dynamodb:Query"));
            assertThat(statement.get("Resource"))
                    .isEqualTo(Map.of("Fn::Sub", "${OrderStateTable.Arn}/index/status-updatedAt-index"));
        });
        Map<String, Object> schedule = SamTemplate.asMap(SamTemplate.mapAt(
                template.mergedFunctionProperties("WatchdogFunction"), "Events").get("Schedule"), "Schedule");
        assertThat(schedule.get("Type")).isEqualTo("ScheduleV2");
        assertThat(SamTemplate.mapAt(schedule, "Properties").get("ScheduleExpression"))
                .isEqualTo(Map.of("Ref", "WatchdogSchedule"));
        assertThat(template.parameterValue("WatchdogSchedule")).contains("rate(5 minutes)");
        assertThat(template.function("WatchdogFunction").environment()).containsOnlyKeys(withGlobals(
                "ORDER_STATE_TABLE", "WATCHDOG_PENDING_ERP_MINUTES", "WATCHDOG_OPEN_EXCEPTION_HOURS"));
    }

    @Test
    void everyFunctionHasALogGroupWithRetention() {
        List<Object> logGroups = new ArrayList<>();
        template.resources().forEach((id, raw) -> {
            Map<String, Object> resource = SamTemplate.asMap(raw, id);
            if ("AWS::Logs::LogGroup".equals(resource.get("Type"))) {
                Map<String, Object> p = SamTemplate.mapAt(resource, "Properties");
                assertThat(p.get("RetentionInDays")).isEqualTo(Map.of("Ref", "LogRetentionDays"));
                logGroups.add(p.get("LogGroupName"));
            }
        });

        assertThat(logGroups).containsExactlyInAnyOrderElementsOf(template.functions().stream()
                .map(f -> (Object) Map.of("Fn::Sub", "/aws/lambda/${" + f.logicalId() + "}")).toList());
    }

    @Test
    void theAdotLayerIsOptionalAndAnExplicitEndpointWins() {
        Map<String, Object> globals = template.functionGlobals();
        assertThat(globals.get("Layers")).isEqualTo(List.of(Map.of("Fn::If", List.of("HasAdotCollectorLayer",
                Map.of("Ref", "AdotCollectorLayerArn"), Map.of("Ref", "AWS::NoValue")))));
        assertThat(template.parameterValue("AdotCollectorLayerArn")).contains("");

        ProvisionedStack none = stackWithoutResources(template);
        assertThat(none.environmentOf("MapFunction")).containsEntry("OTEL_TRACES_SAMPLER_ARG", "0.0")
                .doesNotContainKeys("OTEL_EXPORTER_OTLP_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");

        String layer = "arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-collector-amd64-ver-0-117-0:1";
        ProvisionedStack withLayer = stackWithoutResources(template.withParameterValues(
                Map.of("AdotCollectorLayerArn", layer)));
        assertThat(withLayer.environmentOf("MapFunction"))
                .containsEntry("OTEL_TRACES_SAMPLER_ARG", "1.0")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318")
                .doesNotContainKey("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");

        ProvisionedStack explicit = stackWithoutResources(template.withParameterValues(
                Map.of("AdotCollectorLayerArn", layer, "OtelExporterEndpoint", "http://collector.internal:4318")));
        assertThat(explicit.environmentOf("MapFunction"))
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.internal:4318");
    }

    // --------------------------------------------------------------------------------------------------------- helpers

    /** A local stack whose functions have only parameter-derived variables (MapFunction refers to queues). */
    private static ProvisionedStack stackWithoutResources(SamTemplate template) {
        return new ProvisionedStack(template,
                Map.of("CanonicalOrderQueue", new ProvisionedStack.QueueAddress("q", "http://127.0.0.1:9/q", "arn:q")),
                Map.of("OrderStateTable", new ProvisionedStack.TableAddress("t", "arn:t")));
    }

    private String[] withGlobals(String... own) {
        Set<String> keys = new LinkedHashSet<>(List.of(own));
        keys.addAll(SamTemplate.mapAt(SamTemplate.mapAt(template.functionGlobals(), "Environment"), "Variables")
                .keySet());
        return keys.toArray(String[]::new);
    }

    /** Alarm logical id to its properties, in template order. */
    Map<String, Map<String, Object>> alarms() {
        Map<String, Map<String, Object>> alarms = new LinkedHashMap<>();
        template.resources().forEach((id, raw) -> {
            Map<String, Object> resource = SamTemplate.asMap(raw, id);
            if (ALARM_TYPE.equals(resource.get("Type"))) {
                alarms.put(id, SamTemplate.mapAt(resource, "Properties"));
            }
        });
        return alarms;
    }

    /** A metric an alarm reads, directly or in a metric math query. */
    record AlarmMetric(String alarm, String namespace, String name, Map<String, Object> dimensions) {
    }

    List<AlarmMetric> alarmMetrics() {
        List<AlarmMetric> metrics = new ArrayList<>();
        alarms().forEach((id, p) -> {
            if (p.containsKey("MetricName")) {
                metrics.add(new AlarmMetric(id, String.valueOf(p.get("Namespace")), String.valueOf(p.get("MetricName")),
                        dimensions(SamTemplate.listAt(p, "Dimensions"))));
            }
            for (Object query : SamTemplate.listAt(p, "Metrics")) {
                Map<String, Object> stat = SamTemplate.mapAt(SamTemplate.asMap(query, id), "MetricStat");
                if (!stat.isEmpty()) {
                    Map<String, Object> metric = SamTemplate.mapAt(stat, "Metric");
                    metrics.add(new AlarmMetric(id, String.valueOf(metric.get("Namespace")),
                            String.valueOf(metric.get("MetricName")),
                            dimensions(SamTemplate.listAt(metric, "Dimensions"))));
                }
            }
        });
        return metrics;
    }

    private static Map<String, Object> dimensions(List<Object> raw) {
        Map<String, Object> dimensions = new LinkedHashMap<>();
        for (Object d : raw) {
            Map<String, Object> dimension = SamTemplate.asMap(d, "dimension");
            dimensions.put(String.valueOf(dimension.get("Name")), dimension.get("Value"));
        }
        return dimensions;
    }

    private List<Map<String, Object>> statements(String functionLogicalId) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : SamTemplate.listAt(template.mergedFunctionProperties(functionLogicalId), "Policies")) {
            Map<String, Object> p = SamTemplate.asMap(policy, functionLogicalId + " policy");
            if (p.containsKey("Fn::If")) {
                continue; // the ADOT layer's X-Ray policy, checked with the layer
            }
            assertThat(p).as("%s grants by statements only", functionLogicalId).containsOnlyKeys("Statement");
            SamTemplate.listAt(p, "Statement").forEach(s -> statements.add(SamTemplate.asMap(s, "statement")));
        }
        return statements;
    }

    private static List<Object> queueDimension(String queue) {
        return List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName"))));
    }

    /** The text of {@code !Sub 'text'}. */
    private static Object subTextRaw(Object raw) {
        return SamTemplate.asMap(raw, "!Sub").get("Fn::Sub");
    }

    private static String subText(Object raw, String where) {
        Object text = subTextRaw(raw);
        assertThat(text).as("%s is !Sub 'text'", where).isInstanceOf(String.class);
        return (String) text;
    }

    /**
     * A {@code !Sub} text with every variable replaced by a dummy, after checking that it names a parameter, a pseudo
     * parameter, or a resource (or a resource's attribute) of the template.
     */
    private String substituteWithDummies(Object raw, String where) {
        String text = subText(raw, where);
        Set<String> parameters = template.parameters().keySet();
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String resource = name.contains(".") && !name.startsWith("AWS::") ? name.substring(0, name.indexOf('.'))
                    : name;
            assertThat(name.startsWith("AWS::") || parameters.contains(name)
                    || template.resources().containsKey(resource))
                    .as("%s: ${%s} names nothing in the template", where, name).isTrue();
            m.appendReplacement(out, "dummy-" + name.replaceAll("[^A-Za-z0-9]", "-"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
