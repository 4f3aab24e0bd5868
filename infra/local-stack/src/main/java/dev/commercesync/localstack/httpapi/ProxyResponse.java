package dev.commercesync.localstack.httpapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP response API Gateway makes of a function's answer (payload format 2.0).
 *
 * @param headers name to values; {@code Set-Cookie} values come from {@code cookies}
 */
public record ProxyResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public static final String JSON = "application/json";

    public static ProxyResponse message(int status, String message) {
        return new ProxyResponse(status, Map.of("content-type", List.of(JSON)),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    public static ProxyResponse notFound() {
        return message(404, "Not Found");
    }

    public static ProxyResponse internalServerError() {
        return message(500, "Internal Server Error");
    }

    public static ProxyResponse serviceUnavailable() {
        return message(503, "Service Unavailable");
    }

    /**
     * A structured answer ({@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code cookies},
     * {@code body}, {@code isBase64Encoded}) as given. Any other valid JSON is, as API Gateway infers it, a 200
     * with that JSON as body. Empty when the answer is unusable (not JSON, a status that is not a number), which
     * API Gateway reports as 500.
     */
    public static Optional<ProxyResponse> fromFunction(ObjectMapper json, String payload) {
        JsonNode answer;
        try {
            answer = json.readTree(payload);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (answer == null || !answer.isObject() || !answer.has("statusCode")) {
            String body = answer != null && answer.isTextual() ? answer.asText() : payload;
            return Optional.of(new ProxyResponse(200, Map.of("content-type", List.of(JSON)),
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode status = answer.get("statusCode");
        if (!status.canConvertToInt() && !(status.isTextual() && status.asText().matches("\\d{3}"))) {
            return Optional.empty();
        }
        int statusCode = status.isTextual() ? Integer.parseInt(status.asText()) : status.asInt();
        if (statusCode < 100 || statusCode > 599) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(),
                new ArrayList<>(List.of(h.getValue().asText()))));
        answer.path("multiValueHeaders").fields().forEachRemaining(h -> {
            List<String> values = headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>());
            h.getValue().forEach(v -> {
                if (!values.contains(v.asText())) {
                    values.add(v.asText());
                }
            });
        });
        List<String> cookies = new ArrayList<>();
        answer.path("cookies").forEach(c -> cookies.add(c.asText()));
        if (!cookies.isEmpty()) {
            headers.computeIfAbsent("set-cookie", k -> new ArrayList<>()).addAll(cookies);
        }
        JsonNode bodyNode = answer.get("body");
        String text = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.isTextual() ? bodyNode.asText()
                : bodyNode.toString();
        byte[] body;
        if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        return Optional.of(new ProxyResponse(statusCode, headers, body));
    }
}
