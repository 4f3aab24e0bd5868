package dev.commercesync.pipeline.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes and reads {@link EventEnvelope}s with the contract's JSON settings. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this(CommerceJson.newMapper());
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(EventEnvelope<?> envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + envelope.eventId(), e);
        }
    }

    /**
     * @throws MalformedEventException when the body is not an envelope of the expected schema: such a message can
     *                                 never succeed, so callers route it to the DLQ path instead of retrying
     */
    public <P> EventEnvelope<P> decode(String body, String expectedSchema, Class<P> payloadType) {
        JavaType type = mapper.getTypeFactory().constructParametricType(EventEnvelope.class, payloadType);
        EventEnvelope<P> envelope;
        try {
            envelope = mapper.readValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("not a valid " + expectedSchema + " envelope: " + e.getMessage(), e);
        }
        if (!expectedSchema.equals(envelope.schema())) {
            throw new MalformedEventException("expected schema " + expectedSchema + " but got " + envelope.schema(), null);
        }
        if (envelope.payload() == null) {
            throw new MalformedEventException(expectedSchema + " envelope " + envelope.eventId() + " has no payload", null);
        }
        return envelope;
    }

    /**
     * The schema id of an envelope, for a queue that carries several kinds of event.
     *
     * @throws MalformedEventException when the body is not an envelope with a schema
     */
    public String schemaOf(String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode schema = mapper.readTree(body).get("schema");
            if (schema == null || !schema.isTextual()) {
                throw new MalformedEventException("not an event envelope: no schema", null);
            }
            return schema.asText();
        } catch (JsonProcessingException | NullPointerException e) {
            throw new MalformedEventException("not an event envelope: " + e.getMessage(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
