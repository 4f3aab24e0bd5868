package dev.commercesync.localstack.httpapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.localstack.LocalAwsAccount;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as API Gateway's HTTP API hands it to a Lambda integration: the payload format version 2.0 event.
 *
 * @param headers    as received, any case, every value of a repeated header
 * @param sourceIp   the client's address
 * @param localPort  the port the request arrived on ({@code x-forwarded-port})
 */
public record ProxyRequest(String method, String rawPath, String rawQueryString, Map<String, List<String>> headers,
                           byte[] body, String sourceIp, int localPort) {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * The event for {@code route} of the API {@code apiId}; {@code requestId} and {@code traceId} are API Gateway's
     * for this request.
     */
    public String toEvent(ObjectMapper json, String apiId, RouteMatch route, String requestId, String traceId,
                          Instant receivedAt) {
        Map<String, String> lowerCased = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> {
                    for (String cookie : v.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                });
            } else {
                lowerCased.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        // What API Gateway adds on its way to the integration.
        lowerCased.merge("x-forwarded-for", sourceIp, (client, proxy) -> client + ", " + proxy);
        lowerCased.putIfAbsent("x-forwarded-port", Integer.toString(localPort));
        lowerCased.putIfAbsent("x-forwarded-proto", "http");
        lowerCased.put("x-amzn-trace-id", traceId);
        if (body.length > 0) {
            lowerCased.putIfAbsent("content-length", Integer.toString(body.length));
        }
        String host = lowerCased.getOrDefault("host", "127.0.0.1");
        String domainName = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;

        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQueryString);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        lowerCased.forEach(headerNode::put);
        if (!rawQueryString.isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            queryParameters(rawQueryString).forEach(query::put);
        }
        if (!route.pathParameters().isEmpty()) {
            ObjectNode path = event.putObject("pathParameters");
            route.pathParameters().forEach(path::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", LocalAwsAccount.ACCOUNT_ID);
        context.put("apiId", apiId);
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.contains(".") ? domainName.substring(0, domainName.indexOf('.'))
                : domainName);
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp);
        http.put("userAgent", lowerCased.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(receivedAt));
        context.put("timeEpoch", receivedAt.toEpochMilli());
        if (body.length > 0) {
            boolean text = isText(lowerCased.get("content-type"), body);
            event.put("body", text ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    /** Decoded; a repeated name's values comma-joined, as API Gateway does. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /**
     * Text travels as is: a textual content type (or none) and bytes that are valid UTF-8. Anything else is
     * base64-encoded with {@code isBase64Encoded}, so binary bodies survive the JSON event.
     */
    static boolean isText(String contentType, byte[] body) {
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            boolean textual = type.startsWith("text/") || type.contains("json") || type.contains("xml")
                    || type.contains("javascript") || type.contains("yaml") || type.contains("graphql")
                    || type.contains("x-www-form-urlencoded");
            if (!textual) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
