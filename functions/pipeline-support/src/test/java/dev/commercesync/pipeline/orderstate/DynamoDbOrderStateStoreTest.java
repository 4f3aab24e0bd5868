package dev.commercesync.pipeline.orderstate;

import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import dev.commercesync.model.event.RawOrderReceived;
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
    private static String table;

    @BeforeAll
    static void startEmulators() {
        Path root = RepositoryRoot.locate();
        emulators = LocalEmulators.start(root);
        dynamo = emulators.newDynamoDbClient();
        ProvisionedStack stack = new StackProvisioner(emulators.newSqsClient(), dynamo)
                .provision(SamTemplate.read(RepositoryRoot.template(root)));
        table = stack.environmentOf("DedupeFunction").get("ORDER_STATE_TABLE");
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

    // ---- business exceptions: ids, states, the open-exception index

    @Test
    void anExceptionIsAddressableByIdAndListedInTheOpenExceptionIndex() {
        ChannelOrderKey key = newKey();
        Instant raised = Instant.parse("2003-01-10T08:00:00.123Z");
        store.accept(key, Instant.parse("2003-01-10T07:00:00Z"), key + ":order:v1", "corr-1", "{}",
                entries("ACCEPTED"));
        store.recordException(key, new OrderException(raised, "CONFLICT", "different content", "corr-2"),
                entries("CONFLICT"));

        OrderRecord order = store.find(key).orElseThrow();
        ExceptionId id = order.exceptionId(0);
        assertThat(ExceptionId.parse(id.value())).isEqualTo(id);
        assertThat(id.value()).matches("[A-Za-z0-9_-]+\\.1");
        assertThat(order.exception(id)).get().satisfies(e -> {
            assertThat(e.state()).isEqualTo(ExceptionState.OPEN);
            assertThat(e.reason()).isEqualTo("different content");
        });
        assertThat(indexKeys(key)).containsExactly("CONFLICT", "2003-01-10T08:00:00.123Z");
        assertThat(openOrderKeys(BusinessExceptionType.CONFLICT, Instant.parse("2003-01-11T00:00:00Z"), null))
                .contains(key.value());
        assertThat(openOrderKeys(BusinessExceptionType.CONFLICT, raised, null)).doesNotContain(key.value());
        assertThat(openOrderKeys(BusinessExceptionType.ERP_REJECTED, Instant.parse("2003-01-11T00:00:00Z"), null))
                .doesNotContain(key.value());
    }

    @Test
    void theIndexDescribesTheOldestOpenExceptionAndAPostingSettlesWhatItMakesMoot() {
        ChannelOrderKey key = newKey();
        Instant t0 = Instant.parse("2004-02-01T10:00:00Z");
        SettableClock clock = new SettableClock(t0);
        OrderStateStore timed = new DynamoDbOrderStateStore(dynamo, table, clock);
        // v1 fails to map; v2 is accepted later, then rejected by the ERP, then an update v3 fails to map.
        timed.recordMappingFailure(key, "no line items", new RawOrderReceived(key.channel().id(), key.channelOrderId(),
                t0, "wh-1", "orders/create", "shop.example", "{\"id\":1}"), "corr-v1", entries("MAPPING_FAILED"));
        clock.set(t0.plusSeconds(60));
        timed.accept(key, t0.plusSeconds(50), key + ":orders/updated:v2", "corr-v2", "{}", entries("ACCEPTED"));
        long accepted = timed.find(key).orElseThrow().version();
        clock.set(t0.plusSeconds(120));
        assertThat(timed.recordErpOutcome(key, accepted, ProcessingState.ERP_REJECTED, null, null,
                new OrderException(t0.plusSeconds(120), "ERP_REJECTED", "unknown SKU", "corr-v2"),
                entries("ERP_REJECTED"))).isTrue();
        clock.set(t0.plusSeconds(180));
        timed.recordMappingFailure(key, "bad tax line", new RawOrderReceived(key.channel().id(),
                key.channelOrderId(), t0.plusSeconds(175), "wh-3", "orders/updated", "shop.example", "{\"id\":3}"),
                "corr-v3", entries("MAPPING_FAILED"));

        OrderRecord before = timed.find(key).orElseThrow();
        assertThat(before.status()).isEqualTo(ProcessingState.ERP_REJECTED);
        assertThat(before.exceptions()).extracting(OrderException::type)
                .containsExactly("MAPPING_FAILED", "ERP_REJECTED", "MAPPING_FAILED");
        assertThat(indexKeys(key)).containsExactly("MAPPING_FAILED", "2004-02-01T10:00:00.000Z");
        // Only the latest failure's payload is kept, with where it came from.
        assertThat(before.rawPayload()).isEqualTo("{\"id\":3}");
        assertThat(before.rawOrigin()).isEqualTo(new RawPayloadOrigin(t0.plusSeconds(180), t0.plusSeconds(175),
                "wh-3", "orders/updated", "shop.example"));

        // The operator retries the rejection: back to PENDING_ERP, the exception RETRIED.
        clock.set(t0.plusSeconds(240));
        assertThat(timed.recordRetry(before, before.exceptionId(1), ProcessingState.PENDING_ERP,
                "arn:aws:iam::1:user/ops", "SKU created in the ERP", clock.instant(), entries("RETRIED"))).isTrue();
        OrderRecord retried = timed.find(key).orElseThrow();
        assertThat(retried.status()).isEqualTo(ProcessingState.PENDING_ERP);
        assertThat(retried.version()).isEqualTo(before.version() + 1);
        assertThat(retried.exceptions().get(1)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(ExceptionState.RETRIED);
            assertThat(e.retriedBy()).isEqualTo("arn:aws:iam::1:user/ops");
            assertThat(e.retryReason()).isEqualTo("SKU created in the ERP");
            assertThat(e.retriedAt()).isEqualTo(t0.plusSeconds(240));
        });
        // A second retry from the same (now stale) read loses.
        assertThat(timed.recordRetry(before, before.exceptionId(1), ProcessingState.PENDING_ERP, "someone else",
                "again", clock.instant(), entries("RETRIED"))).isFalse();

        // The posting settles the rejection and v1's failure (recorded before v2 was accepted), not v3's.
        clock.set(t0.plusSeconds(300));
        assertThat(timed.recordErpOutcome(key, retried.version(), ProcessingState.POSTED, "SO-1", t0.plusSeconds(50),
                null, entries("POSTED"))).isTrue();
        OrderRecord posted = timed.find(key).orElseThrow();
        assertThat(posted.status()).isEqualTo(ProcessingState.POSTED);
        assertThat(posted.exceptions()).extracting(OrderException::state)
                .containsExactly(ExceptionState.RESOLVED, ExceptionState.RESOLVED, ExceptionState.OPEN);
        assertThat(posted.exceptions().get(0).resolution()).isEqualTo("settled by the posting (ERP document SO-1)");
        assertThat(posted.exceptions().get(0).resolvedAt()).isEqualTo(t0.plusSeconds(300));
        // The retried rejection keeps who retried it and why.
        assertThat(posted.exceptions().get(1).retriedBy()).isEqualTo("arn:aws:iam::1:user/ops");
        assertThat(posted.exceptions().get(1).retryReason()).isEqualTo("SKU created in the ERP");
        assertThat(indexKeys(key)).containsExactly("MAPPING_FAILED", "2004-02-01T10:03:00.000Z");

        // Retrying v3's failure takes the order out of the index: nothing is open any more.
        assertThat(timed.recordRetry(posted, posted.exceptionId(2), null, "local-operator", "mapper fixed",
                clock.instant(), entries("RETRIED"))).isTrue();
        OrderRecord settled = timed.find(key).orElseThrow();
        assertThat(settled.status()).isEqualTo(ProcessingState.POSTED);
        assertThat(settled.version()).isEqualTo(posted.version());
        assertThat(settled.oldestOpenException()).isEmpty();
        assertThat(indexKeys(key)).isEmpty();
        assertThat(settled.timeline()).extracting(TimelineEntry::step).containsExactly("MAPPING_FAILED", "ACCEPTED",
                "ERP_REJECTED", "MAPPING_FAILED", "RETRIED", "POSTED", "RETRIED");
    }

    @Test
    void aPostingWithoutExceptionsIsOneWriteAndAnExceptionArrivingMeanwhileIsNotLost() {
        ChannelOrderKey key = newKey();
        Instant v1 = Instant.parse("2005-03-01T09:00:00Z");
        store.accept(key, v1, key + ":order:v1", "corr-1", "{}", entries("ACCEPTED"));
        OrderRecord read = store.find(key).orElseThrow();
        // A conflict is noted after post-to-erp read the order (the version stays).
        store.recordException(key, new OrderException(Instant.now(), "CONFLICT", "changed content", "corr-2"),
                entries("CONFLICT"));

        assertThat(store.recordErpOutcome(key, read.version(), ProcessingState.POSTED, "SO-2", v1, null,
                entries("POSTED"))).isTrue();
        OrderRecord after = store.find(key).orElseThrow();
        assertThat(after.status()).isEqualTo(ProcessingState.POSTED);
        // Recorded after the acceptance: it concerns content the posting did not carry, so it stays open and listed.
        assertThat(after.exceptions()).singleElement().satisfies(e -> assertThat(e.isOpen()).isTrue());
        assertThat(indexKeys(key)).first().isEqualTo("CONFLICT");
    }

    @Test
    void theOpenExceptionIndexPagesAndFiltersByChannel() {
        Instant base = Instant.parse("2006-04-01T00:00:00Z");
        List<ChannelOrderKey> ebay = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ChannelOrderKey key = newKey();
            ebay.add(key);
            store.recordException(key, new OrderException(base.plusSeconds(i), "ERP_REJECTED", "r" + i, "c"),
                    entries("ERP_REJECTED"));
        }
        ChannelOrderKey amazon = new ChannelOrderKey(SalesChannel.AMAZON, UUID.randomUUID().toString());
        store.recordException(amazon, new OrderException(base.plusMillis(2500), "ERP_REJECTED", "a", "c"),
                entries("ERP_REJECTED"));
        Instant before = base.plusSeconds(10);

        List<String> pages = new java.util.ArrayList<>();
        OpenExceptionCursor cursor = null;
        int calls = 0;
        do {
            OpenExceptionPage page = store.findOpenExceptions(BusinessExceptionType.ERP_REJECTED, before, "ebay", 2,
                    cursor);
            page.entries().stream().map(e -> e.order().orderKey())
                    .filter(k -> ebay.stream().anyMatch(e -> e.value().equals(k))).forEach(pages::add);
            assertThat(page.entries()).allSatisfy(e -> assertThat(e.order().orderKey()).startsWith("ebay:"));
            cursor = page.next().orElse(null);
            calls++;
        } while (cursor != null && calls < 50);

        assertThat(pages).containsExactlyElementsOf(ebay.stream().map(ChannelOrderKey::value).toList());
        assertThat(store.findOpenExceptions(BusinessExceptionType.ERP_REJECTED, before, "amazon", 10, null).entries())
                .extracting(e -> e.order().orderKey()).contains(amazon.value());
    }

    /** The open-exception index keys of the order's item, as stored. */
    private static List<String> indexKeys(ChannelOrderKey key) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(java.util.Map.of(OrderStateTableSchema.PARTITION_KEY,
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(key.value())))).item();
        return java.util.stream.Stream.of(OrderStateTableSchema.OPEN_EXCEPTION_TYPE,
                        OrderStateTableSchema.OPEN_EXCEPTION_AT)
                .filter(item::containsKey).map(name -> item.get(name).s()).toList();
    }

    private static List<String> openOrderKeys(BusinessExceptionType type, Instant before, String channel) {
        return store.findOpenExceptions(type, before, channel, 100, null).entries().stream()
                .map(e -> e.order().orderKey()).toList();
    }

    /** A clock the test moves. */
    private static final class SettableClock extends java.time.Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
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

                @Override
                public Optional<String> operatorAudit() {
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
