package dev.commercesync.runlocal.demo;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.commercesync.model.order.SalesChannel;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed's shape: repeatable, in the asked shares, signed, with the trouble it promises in the right places. */
class DemoFeedTest {

    private static final String SECRET = "demo-shopify-webhook-secret";
    /** Ingest's reader: trailing garbage and duplicate keys are malformed. */
    private static final ObjectReader INGEST_READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private static DemoOptions options(int orders, long seed) {
        return new DemoOptions(orders, seed, 0.10, 0.30, 0.05, 0.05, SECRET);
    }

    @Test
    void theSameSeedGivesTheSameFeedByteForByte() {
        DemoFeed first = DemoFeed.generate(options(60, 7));
        DemoFeed again = DemoFeed.generate(options(60, 7));
        DemoFeed other = DemoFeed.generate(options(60, 8));

        assertThat(again.deliveries()).isEqualTo(first.deliveries());
        assertThat(again.expectedSummary()).isEqualTo(first.expectedSummary());
        assertThat(again.expectedErpDocuments()).isEqualTo(first.expectedErpDocuments());
        assertThat(other.deliveries().get(0).body()).isNotEqualTo(first.deliveries().get(0).body());
        assertThat(keys(other)).doesNotContainAnyElementsOf(keys(first));
    }

    @Test
    void theAskedSharesAreWhatTheFeedHolds() {
        DemoFeed feed = DemoFeed.generate(options(200, 11));
        ExpectedSummary summary = feed.expectedSummary();

        assertThat(summary.malformed()).isEqualTo(10).isEqualTo(count(feed, Expectation.MALFORMED));
        assertThat(summary.nonReconciling()).isEqualTo(10).isEqualTo(count(feed, Expectation.NON_RECONCILING));
        assertThat(summary.uniqueValidOrders()).isEqualTo(180).isEqualTo(count(feed, Expectation.ACCEPTED_NEW_ORDER));
        assertThat(summary.validOrdersByChannel().values()).allSatisfy(orders -> assertThat(orders).isPositive());
        assertThat(summary.validOrdersByChannel().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(180);

        int shopifyOrders = summary.validOrdersByChannel().get(SalesChannel.SHOPIFY);
        List<Delivery> firstSightings = firstSightings(feed);
        long updateVersions = firstSightings.stream()
                .filter(d -> "orders/updated".equals(d.headers().get("X-Shopify-Topic"))).count();
        assertThat(updateVersions).isEqualTo(Math.round(shopifyOrders * 0.30));
        assertThat(summary.updates() + summary.staleVersions()).isEqualTo((int) updateVersions);
        // Every second updated order has its create overtaken: the create then arrives stale.
        assertThat(summary.staleVersions()).isEqualTo((int) (updateVersions + 1) / 2);

        long validPayloads = firstSightings.stream().filter(d -> d.expectation() != Expectation.MALFORMED
                && d.expectation() != Expectation.NON_RECONCILING).count();
        long repeatedPayloads = distinctBodies(feed, Expectation.DUPLICATE);
        assertThat(repeatedPayloads).isEqualTo(Math.round(validPayloads * 0.10));
        assertThat(summary.duplicates()).isBetween((int) repeatedPayloads, 2 * (int) repeatedPayloads);
        assertThat(summary.deliveries()).isEqualTo(feed.deliveries().size())
                .isEqualTo(summary.uniqueValidOrders() + summary.updates() + summary.staleVersions()
                        + summary.duplicates() + summary.malformed() + summary.nonReconciling());
    }

    @Test
    void redeliveriesRepeatTheBytesAndTheWebhookIdLater() {
        DemoFeed feed = DemoFeed.generate(options(120, 3));
        Map<String, Delivery> firstByBody = new HashMap<>();
        for (Delivery delivery : feed.deliveries()) {
            String body = new String(delivery.body(), StandardCharsets.UTF_8);
            Delivery first = firstByBody.putIfAbsent(body, delivery);
            if (delivery.expectation() == Expectation.DUPLICATE) {
                assertThat(first).as("an earlier delivery of the same bytes").isNotNull();
                assertThat(delivery.headers()).isEqualTo(first.headers());
            } else {
                assertThat(first).as("only duplicates repeat bytes").isNull();
            }
        }
        Set<String> webhookIds = new HashSet<>();
        feed.deliveries().stream()
                .filter(d -> d.channel() == SalesChannel.SHOPIFY && d.expectation() != Expectation.DUPLICATE)
                .forEach(d -> assertThat(webhookIds.add(d.webhookId())).as("webhook ids are unique").isTrue());
    }

    @Test
    void someUpdatesOvertakeTheirCreates() throws IOException {
        DemoFeed feed = DemoFeed.generate(options(120, 5));
        List<Delivery> stale = feed.deliveries().stream()
                .filter(d -> d.expectation() == Expectation.STALE_VERSION).toList();
        assertThat(stale).isNotEmpty();
        for (Delivery create : stale) {
            assertThat(create.headers().get("X-Shopify-Topic")).isEqualTo("orders/create");
            Delivery first = feed.deliveries().stream()
                    .filter(d -> create.orderKey().equals(d.orderKey())
                            && d.expectation() == Expectation.ACCEPTED_NEW_ORDER)
                    .findFirst().orElseThrow();
            assertThat(feed.deliveries().indexOf(first)).isLessThan(feed.deliveries().indexOf(create));
            assertThat(first.headers().get("X-Shopify-Topic")).isEqualTo("orders/updated");
            assertThat(first.sourceVersion()).isAfter(create.sourceVersion());
            JsonNode created = INGEST_READER.readTree(create.body());
            JsonNode updated = INGEST_READER.readTree(first.body());
            assertThat(updated.get("total_price").asText()).isNotEqualTo(created.get("total_price").asText());
        }
        for (ExpectedErpDocument document : feed.expectedErpDocuments()) {
            Instant newest = feed.deliveries().stream().filter(d -> document.externalReference().equals(d.orderKey()))
                    .map(Delivery::sourceVersion).max(Instant::compareTo).orElseThrow();
            assertThat(document.sourceVersion()).isEqualTo(newest);
        }
    }

    @Test
    void malformedDeliveriesAreWhatIngestRefuses() {
        DemoFeed feed = DemoFeed.generate(options(200, 13));
        List<Delivery> malformed = feed.deliveries().stream()
                .filter(d -> d.expectation() == Expectation.MALFORMED).toList();
        assertThat(malformed).hasSize(10);
        int broken = 0;
        for (Delivery delivery : malformed) {
            assertThat(delivery.expectation().ingestStatus()).isEqualTo(400);
            assertThat(delivery.orderKey()).isNull();
            JsonNode body;
            try {
                body = INGEST_READER.readTree(delivery.body());
            } catch (IOException notJson) {
                broken++;
                continue;
            }
            JsonNode id = switch (delivery.channel()) {
                case SHOPIFY -> body.get("id");
                case AMAZON -> body.path("order").get("AmazonOrderId");
                case EBAY -> body.get("orderId");
            };
            assertThat(id).as("no order id in " + delivery).isNull();
        }
        assertThat(broken).isBetween(1, malformed.size() - 1);
    }

    @Test
    void shopifyDeliveriesCarryWebhookHeadersAndVerifiableSignatures() throws Exception {
        DemoFeed feed = DemoFeed.generate(options(80, 17));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        List<Delivery> shopify = feed.deliveries().stream().filter(d -> d.channel() == SalesChannel.SHOPIFY).toList();
        assertThat(shopify).isNotEmpty();
        for (Delivery delivery : shopify) {
            Map<String, String> headers = delivery.headers();
            assertThat(headers.get("X-Shopify-Topic")).isIn("orders/create", "orders/updated");
            assertThat(headers.get("X-Shopify-Shop-Domain")).endsWith(".myshopify.com");
            assertThat(headers.get("X-Shopify-Webhook-Id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            byte[] expected = mac.doFinal(delivery.body());
            assertThat(java.util.Base64.getDecoder().decode(headers.get("X-Shopify-Hmac-Sha256"))).isEqualTo(expected);
        }
        feed.deliveries().stream().filter(d -> d.channel() != SalesChannel.SHOPIFY).forEach(d -> {
            assertThat(d.headers()).doesNotContainKey("X-Shopify-Hmac-Sha256");
            assertThat(d.path()).isEqualTo("/v1/orders/" + d.channel().id());
        });

        DemoFeed unsigned = DemoFeed.generate(options(20, 17).withShopifySecret(null));
        assertThat(unsigned.deliveries()).allSatisfy(d -> assertThat(d.headers())
                .doesNotContainKey("X-Shopify-Hmac-Sha256").containsEntry("Content-Type", "application/json"));
    }

    @Test
    void ordersAreUniqueAndBuyersObviouslyFake() {
        DemoFeed feed = DemoFeed.generate(options(200, 19));
        Set<String> keys = new HashSet<>();
        feed.deliveries().stream().filter(d -> d.expectation() == Expectation.ACCEPTED_NEW_ORDER
                        || d.expectation() == Expectation.NON_RECONCILING)
                .forEach(d -> assertThat(keys.add(d.orderKey())).as(d.orderKey()).isTrue());
        assertThat(keys).hasSize(190);

        Pattern email = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
        for (Delivery delivery : feed.deliveries()) {
            Matcher found = email.matcher(new String(delivery.body(), StandardCharsets.UTF_8));
            while (found.find()) {
                assertThat(found.group()).endsWith("example.com");
            }
        }
    }

    @Test
    void moneyIsWrittenAsDecimalStrings() throws IOException {
        DemoFeed feed = DemoFeed.generate(options(100, 23));
        for (Delivery delivery : feed.deliveries()) {
            if (delivery.expectation() == Expectation.MALFORMED) {
                continue;
            }
            assertNoFloats(INGEST_READER.readTree(delivery.body()), "", delivery);
        }
    }

    @Test
    void noOrdersIsAnEmptyFeed() {
        DemoFeed feed = DemoFeed.generate(DemoOptions.defaults().withOrders(0));
        assertThat(feed.deliveries()).isEmpty();
        assertThat(feed.expectedSummary().uniqueValidOrders()).isZero();
        assertThat(DemoFeed.skuCatalogue()).contains("TSH-CLASSIC-BLK-M").hasSize(13);
    }

    /** Shopify writes tax rates as JSON numbers (0.045); every amount is a string. */
    private static void assertNoFloats(JsonNode node, String path, Delivery delivery) {
        if (node.isFloatingPointNumber()) {
            assertThat(path).as("a float in " + delivery).endsWith("/rate");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertNoFloats(field.getValue(), path + "/" + field.getKey(), delivery);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertNoFloats(node.get(i), path + "/" + i, delivery);
            }
        }
    }

    private static long count(DemoFeed feed, Expectation expectation) {
        return feed.deliveries().stream().filter(d -> d.expectation() == expectation).count();
    }

    private static long distinctBodies(DemoFeed feed, Expectation expectation) {
        return feed.deliveries().stream().filter(d -> d.expectation() == expectation)
                .map(d -> Arrays.hashCode(d.body()) + ":" + d.body().length).distinct().count();
    }

    /** Each distinct body once, at its first delivery. */
    private static List<Delivery> firstSightings(DemoFeed feed) {
        Set<String> seen = new HashSet<>();
        List<Delivery> first = new ArrayList<>();
        for (Delivery delivery : feed.deliveries()) {
            if (seen.add(new String(delivery.body(), StandardCharsets.UTF_8))) {
                first.add(delivery);
            }
        }
        return first;
    }

    private static Set<String> keys(DemoFeed feed) {
        Set<String> keys = new HashSet<>();
        feed.deliveries().forEach(d -> {
            if (d.orderKey() != null) {
                keys.add(d.orderKey());
            }
        });
        return keys;
    }
}
