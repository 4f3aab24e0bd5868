package dev.commercesync.model.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.order.SalesChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inventory events, written exactly as they go on the queue ({@link CommerceJson} inside an {@link EventEnvelope}),
 * must validate against their JSON Schemas: the envelope against {@code envelope.v1} (which checks the payload by
 * the schema it names) and the payload on its own against {@code schemas/<schema>.schema.json}. Each schema must
 * also reject what it exists to reject.
 */
class InventoryEventContractTest {

    private static final String SCHEMA_BASE = "https://commercesync.dev/schemas/";
    private static final Instant AT = Instant.parse("2026-11-25T12:00:01.250Z");
    private static final String SKU = "TSHIRT-RED-M";

    // The schemas name each other by their $id; this serves those ids from this module's classpath resources.
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
    // Draft 2020-12 treats "format" as an annotation unless told otherwise; we want date-times checked.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final ObjectMapper json = CommerceJson.newMapper();

    static final ChannelListing SHOPIFY = new ChannelListing(SalesChannel.SHOPIFY, "acme.myshopify.com", null,
            "gid://shopify/InventoryItem/30322695", "gid://shopify/Location/655441491", null, null,
            new ListingRule(2, 80, 50));
    static final ChannelListing AMAZON = new ChannelListing(SalesChannel.AMAZON, "A2EUQ1WTGCTBG2", "AMZ-TSHIRT-RED-M",
            null, null, List.of("A1PA6795UKMFR9", "A1RKKUPIHCS9HS"), null, null);
    static final ChannelListing EBAY = new ChannelListing(SalesChannel.EBAY, "acme-outlet", null, null, null, null,
            List.of("5005317010"), new ListingRule(0, 50, null));

    static Stream<EventEnvelope<?>> validEvents() {
        return Stream.of(
                stockEnvelope(new StockEvent(SKU, null, 42, 3, 1017L, AT, "erp")),
                stockEnvelope(new StockEvent(SKU, "wh-east", -2, 0, null, AT, "wms-east")),
                stockEnvelope(new StockEvent(SKU, "default", 0, 0, 5L, null, "erp")),
                holdEnvelope(new StockHold("shopify:5823416025378", AT.minusSeconds(60), SKU, 2, AT)),
                holdEnvelope(new StockHold("ebay:12-34567-89012", AT.minusSeconds(60), SKU, 0, AT)),
                listingsEnvelope(new ListingsChanged(SKU, 3, AT)),
                channelStockEnvelope(new ChannelStockUpdate(SKU, SHOPIFY, 31, 12, AT, "stock")),
                channelStockEnvelope(new ChannelStockUpdate(SKU, AMAZON, 0, 12, AT, "hold")),
                channelStockEnvelope(new ChannelStockUpdate(SKU, EBAY, 7, 13, null, "drift-repair")));
    }

    @ParameterizedTest
    @MethodSource("validEvents")
    void every_inventory_record_as_written_is_a_valid_event(EventEnvelope<?> envelope) {
        JsonNode event = onTheWire(envelope);
        assertThat(violations(event)).as("%s", event.toPrettyString()).isEmpty();
    }

    @Test
    void the_stock_schema_rejects_what_it_exists_to_reject() {
        JsonNode valid = onTheWire(stockEnvelope(new StockEvent(SKU, null, 42, 3, 1017L, AT, "erp")));
        assertThat(violations(valid)).isEmpty();

        assertViolation(valid, e -> payload(e).put("onHand", 4.5), "/payload/onHand");
        assertViolation(valid, e -> payload(e).put("reserved", -1), "/payload/reserved");
        assertViolation(valid, e -> payload(e).put("sku", ""), "/payload/sku");
        assertViolation(valid, e -> payload(e).put("asOf", "2026-11-25T13:00:01+01:00"), "/payload/asOf");
        assertViolation(valid, e -> payload(e).putNull("sequence").putNull("asOf"), "/payload");
        assertViolation(valid, e -> payload(e).put("quantity", 4), "/payload");
        assertViolation(valid, e -> payload(e).remove("source"), "source");
    }

    @Test
    void the_stock_hold_schema_rejects_what_it_exists_to_reject() {
        JsonNode valid = onTheWire(holdEnvelope(new StockHold("amazon:028-1234567-7654321", AT, SKU, 1, AT)));
        assertThat(violations(valid)).isEmpty();

        assertViolation(valid, e -> payload(e).put("quantity", -1), "/payload/quantity");
        assertViolation(valid, e -> payload(e).put("orderKey", "5823416025378"), "/payload/orderKey");
        assertViolation(valid, e -> payload(e).remove("orderVersion"), "orderVersion");
    }

    @Test
    void the_listings_changed_schema_rejects_what_it_exists_to_reject() {
        JsonNode valid = onTheWire(listingsEnvelope(new ListingsChanged(SKU, 1, AT)));
        assertThat(violations(valid)).isEmpty();

        assertViolation(valid, e -> payload(e).put("version", 0), "/payload/version");
        assertViolation(valid, e -> payload(e).put("version", "1"), "/payload/version");
        assertViolation(valid, e -> payload(e).put("listings", "[]"), "/payload");
    }

    @Test
    void the_channel_stock_schema_rejects_what_it_exists_to_reject() {
        JsonNode valid = onTheWire(channelStockEnvelope(new ChannelStockUpdate(SKU, SHOPIFY, 31, 12, AT, "stock")));
        assertThat(violations(valid)).isEmpty();

        assertViolation(valid, e -> payload(e).put("quantity", -3), "/payload/quantity");
        assertViolation(valid, e -> payload(e).put("reason", "because"), "/payload/reason");
        assertViolation(valid, e -> payload(e).with("listing").put("channel", "etsy"), "/payload/listing/channel");
        assertViolation(valid, e -> payload(e).with("listing").put("inventoryItemId", "30322695"),
                "/payload/listing/inventoryItemId");
        assertViolation(valid, e -> payload(e).with("listing").with("rule").put("allocationPercent", 150),
                "/payload/listing/rule/allocationPercent");
        JsonNode amazon = onTheWire(channelStockEnvelope(new ChannelStockUpdate(SKU, AMAZON, 1, 1, AT, "listing")));
        assertViolation(amazon, e -> payload(e).with("listing").putArray("marketplaceIds"),
                "/payload/listing/marketplaceIds");
    }

    @Test
    void the_envelope_rejects_an_unknown_inventory_schema_id() {
        JsonNode valid = onTheWire(listingsEnvelope(new ListingsChanged(SKU, 1, AT)));
        assertViolation(valid, e -> e.put("schema", "commerce.stock.v9"), "/schema");
    }

    @Test
    void a_rule_left_out_or_sent_in_part_offers_everything_not_nothing() throws IOException {
        ChannelListing noRule = json.readValue("{\"channel\":\"ebay\",\"account\":\"acme\"}", ChannelListing.class);
        ListingRule partial = json.readValue("{\"bufferUnits\":2}", ListingRule.class);

        assertThat(noRule.rule()).isEqualTo(ListingRule.ALL);
        assertThat(partial).isEqualTo(new ListingRule(2, 100, null));
        assertThat(json.readValue(json.writeValueAsString(SHOPIFY), ChannelListing.class)).isEqualTo(SHOPIFY);
    }

    // ---- envelopes as their producers write them

    private static EventEnvelope<StockEvent> stockEnvelope(StockEvent event) {
        return new EventEnvelope<>(SchemaId.STOCK_V1, "e7a1d2c3-0000-4000-8000-000000000010",
                "c0ffee00-0000-4000-8000-000000000010", null, AT, null, null, event.idempotencyKey(), List.of(), event);
    }

    private static EventEnvelope<StockHold> holdEnvelope(StockHold hold) {
        return new EventEnvelope<>(SchemaId.STOCK_HOLD_V1, "e7a1d2c3-0000-4000-8000-000000000011",
                "c0ffee00-0000-4000-8000-000000000011", "e7a1d2c3-0000-4000-8000-000000000001", AT,
                hold.orderKey().substring(0, hold.orderKey().indexOf(':')), hold.orderKey(), hold.idempotencyKey(),
                List.of(), hold);
    }

    private static EventEnvelope<ListingsChanged> listingsEnvelope(ListingsChanged changed) {
        return new EventEnvelope<>(SchemaId.LISTINGS_CHANGED_V1, "e7a1d2c3-0000-4000-8000-000000000012",
                "c0ffee00-0000-4000-8000-000000000012", null, AT, null, null, changed.idempotencyKey(), List.of(),
                changed);
    }

    private static EventEnvelope<ChannelStockUpdate> channelStockEnvelope(ChannelStockUpdate update) {
        return new EventEnvelope<>(SchemaId.CHANNEL_STOCK_V1, "e7a1d2c3-0000-4000-8000-000000000013",
                "c0ffee00-0000-4000-8000-000000000013", "e7a1d2c3-0000-4000-8000-000000000010", AT,
                update.listing().channel().id(), null, update.listingKey() + ":" + update.revision(), List.of(),
                update);
    }

    // ---- validation

    private static ObjectNode payload(ObjectNode envelope) {
        return envelope.with("payload");
    }

    private void assertViolation(JsonNode valid, Consumer<ObjectNode> change, String expectedAt) {
        ObjectNode broken = valid.deepCopy();
        change.accept(broken);
        assertThat(violations(broken)).as("violations after breaking %s", expectedAt)
                .anySatisfy(v -> assertThat(v).contains(expectedAt));
    }

    /** The event exactly as a consumer reads it off the queue. */
    private JsonNode onTheWire(EventEnvelope<?> envelope) {
        try {
            return json.readTree(json.writeValueAsString(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Envelope (with its payload by the schema it names) and, on its own, the payload by that schema. */
    private static List<String> violations(JsonNode event) {
        List<String> violations = new ArrayList<>(messages(schema("envelope.v1"), event));
        String payloadSchema = event.path("schema").asText();
        if (List.of(SchemaId.STOCK_V1, SchemaId.STOCK_HOLD_V1, SchemaId.LISTINGS_CHANGED_V1,
                SchemaId.CHANNEL_STOCK_V1).contains(payloadSchema)) {
            for (String message : messages(schema(payloadSchema), event.path("payload"))) {
                violations.add("payload by " + payloadSchema + ": " + message);
            }
        }
        return violations;
    }

    private static JsonSchema schema(String schemaId) {
        return SCHEMAS.getSchema(SchemaLocation.of("classpath:" + SchemaId.schemaResource(schemaId)), CONFIG);
    }

    private static List<String> messages(JsonSchema schema, JsonNode node) {
        return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
