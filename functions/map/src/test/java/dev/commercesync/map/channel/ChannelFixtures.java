package dev.commercesync.map.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.commercesync.model.event.RawOrderReceived;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The committed channel payloads under {@code src/test/resources/fixtures/<channel>/}, wrapped as ingest would wrap
 * them: the order id read from the body, the Shopify topic and no shop-domain header unless a test sets one.
 */
public final class ChannelFixtures {

    /** Where ingest reads each channel's order id from, as a JSON pointer into the body. */
    private static final Map<String, String> ORDER_ID_POINTER = Map.of(
            "shopify", "/id",
            "amazon", "/order/AmazonOrderId",
            "ebay", "/orderId");

    public static final Instant RECEIVED_AT = Instant.parse("2026-11-25T12:00:00Z");

    // Same number handling as the mappers, so an edited fixture keeps "19.90" exactly.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ChannelFixtures() {
    }

    /** A fixture as it sits on disk, e.g. {@code ("shopify", "order-cancelled.json")}. */
    public record Fixture(String channel, String name) {
        @Override
        public String toString() {
            return channel + "/" + name;
        }
    }

    public static String body(String channel, String name) {
        String resource = "/fixtures/" + channel + "/" + name;
        try (InputStream in = ChannelFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fixture wrapped as ingest would. Shopify's topic follows what the fixture shows: {@code orders/updated} for
     * an update, {@code orders/cancelled} for a cancellation, else {@code orders/create}.
     */
    public static RawOrderReceived raw(String channel, String name) {
        RawOrderReceived raw = rawOf(channel, body(channel, name));
        if ("shopify".equals(channel) && name.startsWith("order-updated")) {
            return withEventType(raw, "orders/updated");
        }
        if ("shopify".equals(channel) && name.startsWith("order-cancelled")) {
            return withEventType(raw, "orders/cancelled");
        }
        return raw;
    }

    public static RawOrderReceived raw(Fixture fixture) {
        return raw(fixture.channel(), fixture.name());
    }

    /** A body wrapped as ingest would; Shopify bodies arrive as {@code orders/create}. */
    public static RawOrderReceived rawOf(String channel, String body) {
        boolean shopify = "shopify".equals(channel);
        return new RawOrderReceived(channel, orderIdIn(channel, body), RECEIVED_AT,
                shopify ? "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" : null, shopify ? "orders/create" : null, null,
                body);
    }

    public static RawOrderReceived withEventType(RawOrderReceived raw, String eventType) {
        return new RawOrderReceived(raw.channel(), raw.channelOrderId(), raw.receivedAt(), raw.channelEventId(),
                eventType, raw.storefrontId(), raw.body());
    }

    public static RawOrderReceived withStorefront(RawOrderReceived raw, String storefrontId) {
        return new RawOrderReceived(raw.channel(), raw.channelOrderId(), raw.receivedAt(), raw.channelEventId(),
                raw.channelEventType(), storefrontId, raw.body());
    }

    /** The fixture with a change applied, wrapped again (so the intake order id follows the edit). */
    public static RawOrderReceived edited(String channel, String name, Consumer<ObjectNode> change) {
        return rawOf(channel, edit(body(channel, name), change));
    }

    public static String edit(String body, Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(body);
            change.accept(root);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every committed fixture of every channel. */
    public static List<Fixture> all() {
        URL root = ChannelFixtures.class.getResource("/fixtures");
        if (root == null) {
            throw new IllegalStateException("no fixtures on the test classpath");
        }
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> new Fixture(p.getParent().getFileName().toString(), p.getFileName().toString()))
                    .sorted((a, b) -> a.toString().compareTo(b.toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String orderIdIn(String channel, String body) {
        try {
            JsonNode id = JSON.readTree(body).at(ORDER_ID_POINTER.getOrDefault(channel, "/id"));
            return id.isMissingNode() || id.isNull() ? null : id.asText();
        } catch (IOException e) {
            return null; // ingest could not read an id from a body that is not JSON
        }
    }
}
