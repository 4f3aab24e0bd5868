package dev.commercesync.pipeline.orderstate;

import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.config.PipelineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The order-state store on DynamoDB Local, with the table as infra/template.yaml declares it. */
class DynamoDbOrderStateStoreTest {

    private static RunningEmulators emulators;
    private static DynamoDbClient dynamo;
    private static OrderStateStore store;

    @BeforeAll
    static void startEmulators() {
        Path root = RepositoryRoot.locate();
        emulators = LocalEmulators.start(root);
        dynamo = emulators.newDynamoDbClient();
        ProvisionedStack stack = new StackProvisioner(emulators.newSqsClient(), dynamo)
                .provision(SamTemplate.read(RepositoryRoot.template(root)));
        String table = stack.environmentOf("DedupeFunction").get("ORDER_STATE_TABLE");
        store = new DynamoDbOrderStateStore(dynamo, new TableConfig(table));
    }

    @AfterAll
    static void stopEmulators() {
        emulators.close();
    }

    @Test
    void aNoteWrittenWhileTheErpIsCalledDoesNotStopThePostingBeingRecorded() {
        ChannelOrderKey key = newKey();
        Instant v1 = Instant.parse("2026-11-20T09:05:00Z");
        store.accept(key, v1, key + ":order:" + v1, "corr-1", "{}", entries("ACCEPTED"));
        OrderRecord readBeforeTheErpCall = store.find(key).orElseThrow();

        // A duplicate delivery is noted while post-to-erp waits for the ERP.
        store.appendTimeline(key, entries("DUPLICATE_SUPPRESSED"));

        boolean recorded = store.recordErpOutcome(key, readBeforeTheErpCall.version(), ProcessingState.POSTED,
                "SO-1", v1, null, entries("POSTED"));
        assertThat(recorded).isTrue();
        OrderRecord after = store.find(key).orElseThrow();
        assertThat(after.status()).isEqualTo(ProcessingState.POSTED);
        assertThat(after.erpDocumentId()).isEqualTo("SO-1");
        assertThat(after.timeline()).extracting(TimelineEntry::step)
                .containsExactly("ACCEPTED", "DUPLICATE_SUPPRESSED", "POSTED");
    }

    @Test
    void aNewerVersionAcceptedWhileTheErpIsCalledWinsOverTheOlderOutcome() {
        ChannelOrderKey key = newKey();
        Instant v1 = Instant.parse("2026-11-20T09:05:00Z");
        Instant v2 = v1.plus(Duration.ofHours(1));
        store.accept(key, v1, key + ":order:" + v1, "corr-1", "{}", entries("ACCEPTED"));
        OrderRecord readBeforeTheErpCall = store.find(key).orElseThrow();
        store.accept(key, v2, key + ":order:" + v2, "corr-2", "{}", entries("ACCEPTED"));

        assertThat(store.recordErpOutcome(key, readBeforeTheErpCall.version(), ProcessingState.POSTED, "SO-1", v1,
                null, entries("POSTED"))).isFalse();
        assertThat(store.find(key).orElseThrow().status()).isEqualTo(ProcessingState.PENDING_ERP);
    }

    @Test
    void notesLeaveTheStatusIndexTimeAloneSoAStuckOrderStaysFindable() throws InterruptedException {
        ChannelOrderKey key = newKey();
        Instant v1 = Instant.parse("2026-11-20T09:05:00Z");
        store.accept(key, v1, key + ":order:" + v1, "corr-1", "{}", entries("ACCEPTED"));
        Instant acceptedAt = store.find(key).orElseThrow().updatedAt();
        Thread.sleep(20);
        store.appendTimeline(key, entries("DUPLICATE_SUPPRESSED"));

        assertThat(store.find(key).orElseThrow().updatedAt()).isEqualTo(acceptedAt);
        assertThat(store.findByStatusUpdatedBefore(ProcessingState.PENDING_ERP, acceptedAt.plusMillis(1), 1000))
                .extracting(OrderRecord::orderKey).contains(key.value());
    }

    private static ChannelOrderKey newKey() {
        return new ChannelOrderKey(SalesChannel.EBAY, UUID.randomUUID().toString());
    }

    private static List<TimelineEntry> entries(String step) {
        return List.of(new TimelineEntry(Instant.now(), step, "corr", null, "test"));
    }

    /** Only the order-state table is configured, as in a function that uses nothing else. */
    private record TableConfig(String orderStateTable) implements PipelineConfig {
        @Override
        public Queues queues() {
            return new Queues() {
                @Override
                public Optional<String> intake() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> canonical() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> posting() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> inventory() {
                    return Optional.empty();
                }
            };
        }

        @Override
        public Tables tables() {
            return new Tables() {
                @Override
                public Optional<String> orderState() {
                    return Optional.of(orderStateTable);
                }

                @Override
                public Optional<String> idempotency() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> listing() {
                    return Optional.empty();
                }
            };
        }

        @Override
        public Idempotency idempotency() {
            return () -> Duration.ofDays(35);
        }

        @Override
        public Batch batch() {
            return () -> Duration.ofSeconds(15);
        }
    }
}
