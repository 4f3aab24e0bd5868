package dev.commercesync.pipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.metrics.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Holds the alarms and the dashboard of {@code infra/template.yaml} to the metrics the code emits: every metric they
 * read in {@value BusinessMetrics#NAMESPACE} is a {@link Metric}, read with a dimension set its {@link Metric.Shape}
 * puts. A renamed metric or a dimension no function writes would leave an alarm silently without data.
 */
class AlarmMetricsContractTest {

    /** {@code MetricName="X"} in a dashboard's SEARCH expression. */
    private static final Pattern SEARCHED_METRIC = Pattern.compile("MetricName=\\\\?\"([A-Za-z0-9]+)\\\\?\"");
    /** {@code ["CommerceSync", "X", ...]} in a dashboard's metrics array. */
    private static final Pattern DASHBOARD_METRIC = Pattern.compile(
            "\\[\"" + BusinessMetrics.NAMESPACE + "\", \"([A-Za-z0-9]+)\"((?:, \"[^\"]*\")*)");

    private final SamTemplate template = SamTemplate.read(RepositoryRoot.template(RepositoryRoot.locate()));
    private final Map<String, Metric> emitted = Arrays.stream(Metric.values())
            .collect(Collectors.toMap(Metric::metricName, m -> m));

    @Test
    void alarmsReadOnlyEmittedMetricsWithDimensionsTheyArePutWith() {
        List<AlarmMetric> metrics = alarmMetrics().stream()
                .filter(m -> m.namespace().equals(BusinessMetrics.NAMESPACE)).toList();

        assertThat(metrics).isNotEmpty();
        for (AlarmMetric metric : metrics) {
            assertThat(emitted).as("%s reads %s", metric.alarm(), metric.name()).containsKey(metric.name());
            assertThat(dimensionSets(emitted.get(metric.name())))
                    .as("%s: dimensions %s of %s", metric.alarm(), metric.dimensions(), metric.name())
                    .contains(Set.copyOf(metric.dimensions()));
        }
    }

    @Test
    void dashboardShowsOnlyEmittedMetrics() {
        Map<String, Object> dashboard = map(map(
                template.resources().get("PipelineDashboard"), "PipelineDashboard").get("Properties"), "Properties");
        String body = String.valueOf(map(dashboard.get("DashboardBody"), "DashboardBody").get("Fn::Sub"));
        Set<String> shown = new TreeSet<>();
        Matcher searched = SEARCHED_METRIC.matcher(body);
        while (searched.find()) {
            shown.add(searched.group(1));
        }
        Matcher listed = DASHBOARD_METRIC.matcher(body);
        while (listed.find()) {
            shown.add(listed.group(1));
            List<String> dimensionNames = new ArrayList<>();
            Matcher parts = Pattern.compile("\"([^\"]*)\"").matcher(listed.group(2));
            for (int i = 0; parts.find(); i++) {
                if (i % 2 == 0) {
                    dimensionNames.add(parts.group(1));
                }
            }
            Metric metric = emitted.get(listed.group(1));
            if (metric != null) {
                assertThat(dimensionSets(metric)).as("dashboard dimensions %s of %s", dimensionNames, metric)
                        .contains(Set.copyOf(dimensionNames));
            }
        }

        assertThat(emitted.keySet()).containsAll(shown);
        // Everything but the watchdog's age gauge is on the dashboard.
        assertThat(shown).containsAll(Arrays.stream(Metric.values()).filter(m -> m != Metric.OLDEST_STUCK_AGE_SECONDS)
                .map(Metric::metricName).toList());
    }

    private static Set<Set<String>> dimensionSets(Metric metric) {
        return switch (metric.shape()) {
            case PER_CHANNEL -> Set.of(Set.of(BusinessMetrics.CHANNEL), Set.of());
            case PER_CHANNEL_AND_EXCEPTION_TYPE ->
                    Set.of(Set.of(BusinessMetrics.CHANNEL, BusinessMetrics.EXCEPTION_TYPE), Set.of());
            case PER_STATE, STUCK_GAUGE -> Set.of(Set.of(BusinessMetrics.STATE), Set.of());
        };
    }

    /** A metric an alarm reads, directly or in a metric math query. */
    private record AlarmMetric(String alarm, String namespace, String name, List<String> dimensions) {
    }

    private List<AlarmMetric> alarmMetrics() {
        List<AlarmMetric> metrics = new ArrayList<>();
        template.resources().forEach((id, raw) -> {
            Map<String, Object> resource = map(raw, id);
            if (!"AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> p = map(resource.get("Properties"), id);
            List<Map<String, Object>> definitions = new ArrayList<>();
            if (p.containsKey("MetricName")) {
                definitions.add(p);
            }
            for (Object query : list(p.get("Metrics"))) {
                Object stat = map(query, id).get("MetricStat");
                if (stat != null) {
                    definitions.add(map(map(stat, id).get("Metric"), id));
                }
            }
            for (Map<String, Object> d : definitions) {
                List<String> dimensions = list(d.get("Dimensions")).stream()
                        .map(x -> String.valueOf(map(x, id).get("Name"))).toList();
                metrics.add(new AlarmMetric(id, String.valueOf(d.get("Namespace")), String.valueOf(d.get("MetricName")),
                        dimensions));
            }
        });
        return metrics;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw, String where) {
        assertThat(raw).as(where).isInstanceOf(Map.class);
        return (Map<String, Object>) raw;
    }

    private static List<Object> list(Object raw) {
        return raw instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
