package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the sandbox answers to one call: a status, headers and a JSON body. The channel APIs and the admin routes
 * return answers; only {@link SandboxMarketplaces} touches the exchange.
 */
record Answer(int status, Map<String, String> headers, byte[] body) {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    /** Problem types of the sandbox's own routes. */
    static final String PROBLEM_BASE = "https://sandbox.commerce-sync.dev/problems/";

    static Answer json(ObjectMapper json, int status, Object body) {
        return withBody(json, status, JSON, body);
    }

    /** An RFC 9457 problem, for the sandbox's own routes (the channel APIs answer in their own error formats). */
    static Answer problem(ObjectMapper json, int status, String type, String title, String detail) {
        ObjectNode problem = json.createObjectNode()
                .put("type", PROBLEM_BASE + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        return withBody(json, status, PROBLEM_JSON, problem);
    }

    Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, Map.copyOf(more), body);
    }

    private static Answer withBody(ObjectMapper json, int status, String contentType, Object body) {
        try {
            return new Answer(status, Map.of("Content-Type", contentType), json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sandbox marketplaces' answer", e);
        }
    }
}
