package dev.commercesync.pipeline.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** Writes and reads {@link EventEnvelope}s with the contract's JSON settings. */
@ApplicationScoped
public class EventCodec {

    private static final JsonFactory JSON = new JsonFactory();

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
            throw new MalformedEventException("not a valid " + expectedSchema + " envelope: " + withoutValues(e), null);
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
            throw new MalformedEventException("not an event envelope: " + withoutValues(e), null);
        }
    }

    /**
     * The envelope's {@code orderKey} (its top-level field), read without parsing the rest, for the log context of
     * the message's step; null when the body has none or is not JSON.
     */
    public static String orderKeyOf(String body) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("orderKey".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * What is wrong and where, without Jackson's message: that quotes the offending value, and a body can hold a
     * buyer's name or address. The message goes to logs and to the order's exception record. The cause is dropped
     * for the same reason (a logged exception prints its causes' messages).
     */
    static String withoutValues(Exception e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            text.append(" at ").append(path(mapping));
        }
        if (e instanceof JsonProcessingException processing && processing.getLocation() != null) {
            JsonLocation at = processing.getLocation();
            text.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        }
        return text.toString();
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
