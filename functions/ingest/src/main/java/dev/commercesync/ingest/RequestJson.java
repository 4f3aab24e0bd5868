package dev.commercesync.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.pipeline.http.ProblemDetails.FieldProblem;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads the JSON bodies of the inventory and listings API strictly: no trailing garbage or duplicate keys, and no
 * silent coercions ({@code "12"} or {@code 4.7} for a whole number), because a misread stock figure is published to
 * every channel. Faults come back as {@link FieldProblem}s pointing into the body as sent.
 */
final class RequestJson {

    private static final ObjectReader TREE_READER = CommerceJson.newMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private static final ObjectMapper BINDER = CommerceJson.configure(JsonMapper.builder()
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .build())
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private RequestJson() {
    }

    /** The body as a tree, or why it is not JSON. */
    static Parsed parse(byte[] body) {
        try {
            JsonNode json = TREE_READER.readTree(body);
            if (json == null || json.isMissingNode()) {
                return new Parsed(null, "body is empty");
            }
            return new Parsed(json, null);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new Parsed(null, "body is not valid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            return new Parsed(null, "body is not valid JSON: " + e.getMessage());
        }
    }

    record Parsed(JsonNode json, String fault) {
    }

    /**
     * Binds {@code node} to {@code type}, or returns the fault with a pointer below {@code base}.
     */
    static <T> Bound<T> bind(JsonNode node, Class<T> type, Integer index, String base) {
        try {
            return new Bound<>(BINDER.treeToValue(node, type), null);
        } catch (JsonMappingException e) {
            StringBuilder pointer = new StringBuilder(base);
            String field = null;
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    field = ref.getFieldName();
                    pointer.append('/').append(escape(field));
                } else if (ref.getIndex() >= 0) {
                    pointer.append('/').append(ref.getIndex());
                }
            }
            String what = field == null ? "value" : field;
            String detail = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? what + " must be " + expected(mismatch.getTargetType())
                    : what + " is not valid: " + e.getOriginalMessage();
            return new Bound<>(null, new FieldProblem(index, pointer.toString(), detail));
        } catch (JsonProcessingException e) {
            // e.g. a number too large for its field
            return new Bound<>(null, new FieldProblem(index, base, e.getOriginalMessage()));
        }
    }

    record Bound<T>(T value, FieldProblem problem) {
    }

    /**
     * The pointer of a model validation message ({@code "reserved must not be negative"},
     * {@code "shopify listing: locationId must be …"}): the field it starts with when that is one of {@code fields},
     * else {@code base} itself.
     */
    static String pointerOf(String base, String problem, Collection<String> fields, Collection<String> ruleFields) {
        String text = problem.matches("^[a-z]+ listing: .*") ? problem.substring(problem.indexOf(": ") + 2) : problem;
        String[] words = text.split(" ", 3);
        if (words.length > 1 && "or".equals(words[1])) {
            return base; // "sequence or asOf is required": neither field alone is at fault
        }
        if (fields.contains(words[0])) {
            return base + "/" + words[0];
        }
        if (ruleFields.contains(words[0])) {
            return base + "/rule/" + words[0];
        }
        return base;
    }

    /** Text of a JSON member, empty when it is absent, null or not text. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static String expected(Class<?> type) {
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-25T12:00:00Z";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object of the documented shape";
    }

    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }
}
