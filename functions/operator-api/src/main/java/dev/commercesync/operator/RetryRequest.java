package dev.commercesync.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.commercesync.model.CommerceJson;

import java.io.IOException;

/**
 * Body of {@code POST /v1/exceptions/{exceptionId}/retry}: {@code {"reason": "...", "dryRun": false}}.
 *
 * @param reason why the retry should now succeed (what was fixed), 1 to {@value #MAX_REASON} characters; kept whole
 *               in the audit record
 * @param dryRun only check and show what would be sent; optional, false by default
 */
record RetryRequest(String reason, boolean dryRun) {

    static final int MAX_REASON = 1000;

    private static final ObjectReader READER = CommerceJson.newMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** The request, or (in {@code fault}) why the body is not one. */
    record Parsed(RetryRequest request, String fault) {
    }

    static Parsed parse(byte[] body) {
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : READER.readTree(body);
        } catch (JsonProcessingException e) {
            return fault("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return fault("body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            return fault("body must be a JSON object such as {\"reason\": \"mapper fixed for ...\"}");
        }
        JsonNode reason = json.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            return fault("reason is required: say what was fixed, for the audit trail");
        }
        if (reason.asText().length() > MAX_REASON) {
            return fault("reason must be at most " + MAX_REASON + " characters");
        }
        JsonNode dryRun = json.get("dryRun");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            return fault("dryRun must be true or false");
        }
        return new Parsed(new RetryRequest(reason.asText().strip(), dryRun != null && dryRun.asBoolean()), null);
    }

    private static Parsed fault(String detail) {
        return new Parsed(null, detail);
    }
}
