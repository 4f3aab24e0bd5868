package dev.commercesync.map.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.commercesync.map.channel.ChannelFixtures;
import dev.commercesync.map.channel.ChannelFixtures.Fixture;
import dev.commercesync.map.channel.MappingOutcome;
import dev.commercesync.map.channel.OrderMapping;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.OrderEventKey;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.CanonicalOrder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every event the map step consumes and produces, written exactly as it goes on the queue (CommerceJson), must
 * validate against the JSON Schemas in shared-model: the envelope against {@code envelope.v1}, which also checks the
 * payload by the schema the envelope names, and the payload on its own against {@code schemas/<schema>.schema.json}.
 */
class EventContractTest {

    private static final String SCHEMA_BASE = "https://commercesync.dev/schemas/";
    private static final Instant OCCURRED_AT = Instant.parse("2026-11-25T12:00:01.250Z");

    // The schemas name each other by their $id; this serves those ids from shared-model's classpath resources.
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
    // Draft 2020-12 treats "format" as an annotation unless told otherwise; we want date-times checked.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private final ObjectMapper json = CommerceJson.newMapper();
    private final OrderMapping mapping = OrderMapping.forAllChannels();

    @TestFactory
    Stream<DynamicTest> every_fixture_that_maps_is_a_valid_order_event() {
        List<Fixture> mapped = ChannelFixtures.all().stream()
                .filter(fixture -> mapping.map(ChannelFixtures.raw(fixture)) instanceof MappingOutcome.Mapped)
                .toList();
        assertThat(mapped).as("fixtures that map").hasSize(10);
        return mapped.stream().map(fixture -> DynamicTest.dynamicTest(fixture.toString(), () -> {
            RawOrderReceived raw = ChannelFixtures.raw(fixture);
            CanonicalOrder order = ((MappingOutcome.Mapped) mapping.map(raw)).order();
            assertValid(fixture + " as " + SchemaId.ORDER_V1, onTheWire(orderEvent(order, raw)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_fixture_as_received_is_a_valid_raw_order_event() {
        return ChannelFixtures.all().stream().map(fixture -> DynamicTest.dynamicTest(fixture.toString(), () -> {
            RawOrderReceived raw = ChannelFixtures.raw(fixture);
            assertValid(fixture + " as " + SchemaId.RAW_ORDER_V1, onTheWire(rawOrderEvent(raw)));
        }));
    }

    @Test
    void the_schemas_reject_what_they_exist_to_reject() {
        RawOrderReceived raw = ChannelFixtures.raw("shopify", "order-tax-inclusive-eur-discounts.json");
        CanonicalOrder order = ((MappingOutcome.Mapped) mapping.map(raw)).order();
        JsonNode valid = onTheWire(orderEvent(order, raw));

        assertThat(violations(valid)).isEmpty();
        assertViolation(valid, e -> payload(e).with("totals").with("grandTotal").put("amount", 80.32),
                "/payload/totals/grandTotal/amount");
        assertViolation(valid, e -> payload(e).with("totals").with("grandTotal").put("amount", "80,32"),
                "/payload/totals/grandTotal/amount");
        assertViolation(valid, e -> payload(e).with("totals").with("grandTotal").put("currency", "eur"),
                "/payload/totals/grandTotal/currency");
        assertViolation(valid, e -> payload(e).with("totals").with("grandTotal").put("zero", false),
                "/payload/totals/grandTotal");
        assertViolation(valid, e -> payload(e).remove("totals"), "totals");
        assertViolation(valid, e -> payload(e).put("orderedAt", "2026-11-20T16:42:10+01:00"),
                "/payload/orderedAt");
        assertViolation(valid, e -> payload(e).put("status", "SHIPPED"), "/payload/status");
        assertViolation(valid, e -> payload(e).putArray("lines"), "/payload/lines");
        assertViolation(valid, e -> e.put("occurredAt", "yesterday"), "/occurredAt");
        assertViolation(valid, e -> e.put("schema", "commerce.order.v9"), "/schema");
        assertViolation(valid, e -> e.put("orderKey", "5823416025401"), "/orderKey");
    }

    private static ObjectNode payload(ObjectNode envelope) {
        return envelope.with("payload");
    }

    private void assertViolation(JsonNode valid, Consumer<ObjectNode> change, String expectedAt) {
        ObjectNode broken = valid.deepCopy();
        change.accept(broken);
        List<String> violations = violations(broken);
        assertThat(violations).as("violations after breaking %s", expectedAt)
                .anySatisfy(v -> assertThat(v).contains(expectedAt));
    }

    private EventEnvelope<CanonicalOrder> orderEvent(CanonicalOrder order, RawOrderReceived raw) {
        String correlationId = "c0ffee00-0000-4000-8000-" + String.format("%012d", raw.body().length());
        return new EventEnvelope<>(SchemaId.ORDER_V1, "e7a1d2c3-0000-4000-8000-000000000002", correlationId,
                "e7a1d2c3-0000-4000-8000-000000000001", OCCURRED_AT, order.channel().id(), order.key().value(),
                OrderEventKey.idempotencyKey(order, raw),
                List.of(new TimelineEntry(OCCURRED_AT, "MAPPED", correlationId, "4bf92f3577b34da6a3ce929d0e0e4736",
                        "mapped; totals reconcile")),
                order);
    }

    private EventEnvelope<RawOrderReceived> rawOrderEvent(RawOrderReceived raw) {
        return new EventEnvelope<>(SchemaId.RAW_ORDER_V1, "e7a1d2c3-0000-4000-8000-000000000001",
                "c0ffee00-0000-4000-8000-000000000001", null, raw.receivedAt(), raw.channel(),
                raw.channelOrderId() == null ? null : raw.channel() + ":" + raw.channelOrderId(), null,
                List.of(new TimelineEntry(raw.receivedAt(), "RECEIVED", "c0ffee00-0000-4000-8000-000000000001", null,
                        null)),
                raw);
    }

    /** The event exactly as a consumer reads it off the queue. */
    private JsonNode onTheWire(EventEnvelope<?> envelope) {
        try {
            return json.readTree(json.writeValueAsString(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertValid(String what, JsonNode event) {
        List<String> violations = violations(event);
        if (!violations.isEmpty()) {
            fail(what + " breaks the contract in " + violations.size() + " place(s):\n  - "
                    + String.join("\n  - ", violations) + "\nevent: " + event.toPrettyString());
        }
    }

    /** Envelope (with its payload by the schema it names) and, on its own, the payload by that schema. */
    private List<String> violations(JsonNode event) {
        List<String> violations = new ArrayList<>(messages(schema("envelope.v1"), event));
        String payloadSchema = event.path("schema").asText();
        if (SCHEMA_ID_KNOWN.contains(payloadSchema)) {
            for (String message : messages(schema(payloadSchema), event.path("payload"))) {
                violations.add("payload by " + payloadSchema + ": " + message);
            }
        }
        return violations;
    }

    private static final Set<String> SCHEMA_ID_KNOWN = Set.of(SchemaId.ORDER_V1, SchemaId.RAW_ORDER_V1);

    private static JsonSchema schema(String schemaId) {
        return SCHEMAS.getSchema(SchemaLocation.of("classpath:" + SchemaId.schemaResource(schemaId)), CONFIG);
    }

    private static List<String> messages(JsonSchema schema, JsonNode node) {
        Set<ValidationMessage> messages = schema.validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }
}
