package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the sandbox ERP answers to one call: a status, headers and a JSON body, or nothing at all (a response lost on
 * the way back). The routes return answers; only {@link SandboxErp} touches the exchange.
 */
record Answer(int status, Map<String, String> headers, byte[] body, boolean dropConnection) {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    /** Problem types, as the contract's examples name them. */
    static final String PROBLEM_BASE = "https://erp.example.com/problems/";

    static Answer json(ObjectMapper json, int status, Object body) {
        return withBody(json, status, JSON, body, Map.of());
    }

    /** An RFC 9457 problem; {@code extra} adds members such as {@code documentId} or {@code errors}. */
    static Answer problem(ObjectMapper json, int status, String type, String title, String detail,
                          ObjectNode extra) {
        ObjectNode problem = json.createObjectNode()
                .put("type", PROBLEM_BASE + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (extra != null) {
            problem.setAll(extra);
        }
        return withBody(json, status, PROBLEM_JSON, problem, Map.of());
    }

    /** No response: the connection is closed as soon as the call has been carried out. */
    static Answer dropped() {
        return new Answer(0, Map.of(), new byte[0], true);
    }

    Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, Map.copyOf(more), body, dropConnection);
    }

    private static Answer withBody(ObjectMapper json, int status, String contentType, Object body,
                                   Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        try {
            return new Answer(status, Map.copyOf(all), json.writeValueAsBytes(body), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sandbox ERP's answer", e);
        }
    }
}
