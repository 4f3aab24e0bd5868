package dev.commercesync.runlocal.peak;

import dev.commercesync.localstack.SamTemplate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which template alarms a local peak is judged by, and the thresholds they carry. */
class TemplateAlarmsTest {

    private static final String TEMPLATE = """
            Parameters:
              PostingQueueAgeAlarmSeconds:
                Type: Number
                Default: 1800
            Resources:
              ErpPostingQueue:
                Type: AWS::SQS::Queue
              ErpPostingDLQ:
                Type: AWS::SQS::Queue
              ErpPostingQueueAgeAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/SQS
                  MetricName: ApproximateAgeOfOldestMessage
                  Dimensions:
                    - Name: QueueName
                      Value: !GetAtt ErpPostingQueue.QueueName
                  Statistic: Maximum
                  Period: 300
                  EvaluationPeriods: 1
                  Threshold: !Ref PostingQueueAgeAlarmSeconds
                  ComparisonOperator: GreaterThanThreshold
              ErpPostingDLQNotEmptyAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/SQS
                  MetricName: ApproximateNumberOfMessagesVisible
                  Dimensions:
                    - Name: QueueName
                      Value: !GetAtt ErpPostingDLQ.QueueName
                  Statistic: Maximum
                  Period: 300
                  EvaluationPeriods: 1
                  Threshold: 0
                  ComparisonOperator: GreaterThanThreshold
              OrdersPendingErpAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: CommerceSync
                  MetricName: OrdersStuck
                  Dimensions:
                    - Name: State
                      Value: PENDING_ERP
                  Statistic: Maximum
                  Period: 600
                  EvaluationPeriods: 1
                  Threshold: 0
                  ComparisonOperator: GreaterThanThreshold
              InventoryLagAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: CommerceSync
                  MetricName: InventoryPublishLag
                  ExtendedStatistic: p99
                  Period: 300
                  EvaluationPeriods: 1
                  Threshold: 300000
                  ComparisonOperator: GreaterThanThreshold
            """;

    @Test
    void readsTheQueueAndWatchdogAlarmsWithTheRunsParameterValues() {
        SamTemplate template = SamTemplate.parse(TEMPLATE)
                .withParameterValues(Map.of("PostingQueueAgeAlarmSeconds", "60"));

        TemplateAlarms.Reading reading = TemplateAlarms.read(template, "ErpPostingQueue");

        assertThat(reading.watched()).extracting(a -> a.rule().name())
                .containsExactly("ErpPostingQueueAgeAlarm", "ErpPostingDLQNotEmptyAlarm", "OrdersPendingErpAlarm");
        AlarmRule age = reading.watched().get(0).rule();
        assertThat(age.threshold()).isEqualTo(60);
        assertThat(age.period()).isEqualTo(Duration.ofSeconds(300));
        assertThat(age.comparison()).isEqualTo(AlarmRule.Comparison.GreaterThanThreshold);
        assertThat(reading.watched()).extracting(WatchedAlarm::source).containsExactly(
                new WatchedAlarm.OldestPostingAge("ErpPostingQueue"),
                new WatchedAlarm.VisibleMessages("ErpPostingDLQ"),
                new WatchedAlarm.OrdersStuckWaitingForErp());
        assertThat(reading.notWatched()).containsExactly("InventoryLagAlarm");
    }

    @Test
    void eachSourceReadsItsFigureOffASample() {
        PeakSample sample = new PeakSample(Instant.parse("2026-11-27T08:00:00Z"), Map.of("ErpPostingDLQ", 2L),
                Map.of(), Optional.of(Duration.ofMillis(75_500)), 4, 10);

        assertThat(new WatchedAlarm.OldestPostingAge("ErpPostingQueue").valueIn(sample)).isEqualTo(75.5);
        assertThat(new WatchedAlarm.VisibleMessages("ErpPostingDLQ").valueIn(sample)).isEqualTo(2);
        assertThat(new WatchedAlarm.OrdersStuckWaitingForErp().valueIn(sample)).isEqualTo(4);
        assertThat(new WatchedAlarm.OldestPostingAge("ErpPostingQueue").valueIn(new PeakSample(sample.at(),
                Map.of(), Map.of(), Optional.empty(), 0, 0))).isZero();
    }

    @Test
    void theRealTemplatesQueueAlarmsAreAllReadable() {
        SamTemplate template = SamTemplate.read(dev.commercesync.localstack.RepositoryRoot
                .template(dev.commercesync.localstack.RepositoryRoot.locate()));

        List<String> watched = TemplateAlarms.read(template, "ErpPostingQueue").watched().stream()
                .map(a -> a.rule().name()).toList();

        assertThat(watched).contains("ErpPostingQueueAgeAlarm", "ErpPostingDLQNotEmptyAlarm",
                "OrderIntakeDLQNotEmptyAlarm", "OrdersPendingErpAlarm");
    }
}
