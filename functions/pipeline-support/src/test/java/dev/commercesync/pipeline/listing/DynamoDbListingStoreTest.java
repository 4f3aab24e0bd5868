package dev.commercesync.pipeline.listing;

import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.inventory.ListingRule;
import dev.commercesync.model.inventory.SkuListings;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.config.PipelineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The listing store on DynamoDB Local, with the table as infra/template.yaml declares it. */
class DynamoDbListingStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.125Z");
    private static final ChannelListing SHOPIFY = new ChannelListing(SalesChannel.SHOPIFY, "acme.myshopify.com", null,
            "gid://shopify/InventoryItem/30322695", "gid://shopify/Location/655441491", null, null,
            new ListingRule(2, 80, 50));
    private static final ChannelListing AMAZON = new ChannelListing(SalesChannel.AMAZON, "A2EUQ1WTGCTBG2", null, null,
            null, List.of("A1PA6795UKMFR9"), null, null);

    private static RunningEmulators emulators;
    private static DynamoDbClient dynamo;
    private static String table;
    private static ListingStore store;

    @BeforeAll
    static void startEmulators() {
        Path root = RepositoryRoot.locate();
        emulators = LocalEmulators.start(root);
        dynamo = emulators.newDynamoDbClient();
        ProvisionedStack stack = new StackProvisioner(emulators.newSqsClient(), dynamo)
                .provision(SamTemplate.read(RepositoryRoot.template(root)));
        table = stack.environmentOf("IngestFunction").get("LISTING_TABLE");
        store = new DynamoDbListingStore(dynamo, new ListingTableConfig(table), Duration.ofMillis(5));
    }

    @AfterAll
    static void stopEmulators() {
        emulators.close();
    }

    @Test
    void listingsAreStoredWholeAndVersionedFromOne() {
        String sku = newSku();
        assertThat(store.find(sku)).isEmpty();

        SkuListings first = store.replace(sku, List.of(SHOPIFY, AMAZON), OptionalLong.empty(), T0);
        SkuListings second = store.replace(sku, List.of(AMAZON), OptionalLong.of(1), T0.plusSeconds(5));

        assertThat(first).isEqualTo(new SkuListings(sku, List.of(SHOPIFY, AMAZON), 1, T0));
        assertThat(second.version()).isEqualTo(2);
        assertThat(store.find(sku)).contains(new SkuListings(sku, List.of(AMAZON), 2, T0.plusSeconds(5)));
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("sku", AttributeValue.fromS(sku)))).item();
        assertThat(item.get("listings").s()).startsWith("[{\"channel\":\"amazon\"");
        assertThat(item.get("version").n()).isEqualTo("2");
        assertThat(item.get("updatedAt").s()).isEqualTo("2026-11-25T12:00:05.125Z");
    }

    @Test
    void aStaleExpectedVersionIsAConflictNamingTheCurrentOneAndWritesNothing() {
        String sku = newSku();
        store.replace(sku, List.of(SHOPIFY), OptionalLong.empty(), T0);
        store.replace(sku, List.of(SHOPIFY, AMAZON), OptionalLong.empty(), T0.plusSeconds(1));

        ListingVersionConflict stale = catchThrowableOfType(ListingVersionConflict.class,
                () -> store.replace(sku, List.of(), OptionalLong.of(1), T0.plusSeconds(2)));
        ListingVersionConflict notNew = catchThrowableOfType(ListingVersionConflict.class,
                () -> store.replace(sku, List.of(), OptionalLong.of(0), T0.plusSeconds(2)));
        ListingVersionConflict unknown = catchThrowableOfType(ListingVersionConflict.class,
                () -> store.replace(newSku(), List.of(), OptionalLong.of(3), T0.plusSeconds(2)));

        assertThat(stale.currentVersion()).isEqualTo(2);
        assertThat(stale.expectedVersion()).isEqualTo(1);
        assertThat(notNew.currentVersion()).isEqualTo(2);
        assertThat(unknown.currentVersion()).isZero();
        assertThat(store.find(sku).orElseThrow().listings()).containsExactly(SHOPIFY, AMAZON);
    }

    @Test
    void expectingVersionZeroCreatesOnlyWhenTheSkuHasNoListings() {
        String sku = newSku();

        assertThat(store.replace(sku, List.of(AMAZON), OptionalLong.of(0), T0).version()).isEqualTo(1);
    }

    @Test
    void findAllReadsMoreThanOneBatchAndLeavesOutSkusWithoutListings() {
        List<String> stored = IntStream.range(0, 130).mapToObj(i -> newSku()).toList();
        stored.forEach(sku -> store.replace(sku, List.of(SHOPIFY), OptionalLong.empty(), T0));
        List<String> asked = new ArrayList<>(stored);
        asked.add("NEVER-LISTED-" + UUID.randomUUID());
        asked.add(stored.get(0));

        Map<String, SkuListings> found = store.findAll(asked);

        assertThat(found).hasSize(130).containsOnlyKeys(stored);
        assertThat(found.get(stored.get(129))).isEqualTo(new SkuListings(stored.get(129), List.of(SHOPIFY), 1, T0));
        assertThat(store.findAll(List.of())).isEmpty();
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID();
    }

    /** Only the listing table is configured, as in a function that uses nothing else. */
    private record ListingTableConfig(String listingTable) implements PipelineConfig {
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
                    return Optional.empty();
                }

                @Override
                public Optional<String> idempotency() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> listing() {
                    return Optional.of(listingTable);
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
