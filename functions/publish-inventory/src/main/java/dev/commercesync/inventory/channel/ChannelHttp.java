package dev.commercesync.inventory.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.pipeline.tracing.MessageTracing;
import dev.commercesync.pipeline.tracing.TracedHttpClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP side every marketplace adapter shares: the JDK client (nothing for a native image to register), timeouts,
 * a CLIENT span per call whose context the marketplace receives ({@link TracedHttpClient}), and transport failures
 * turned into {@link ChannelCallFailure#unavailable}. Built once per adapter.
 */
public final class ChannelHttp {

    public static final String JSON = "application/json";
    private static final String USER_AGENT = "commerce-sync-publish-inventory/0.1 (Language=Java)";
    /** Enough of an unexpected body to recognise it in a result or a log line, not a whole HTML error page. */
    private static final int MAX_BODY_CHARS = 300;

    private final TracedHttpClient client;
    private final Duration requestTimeout;
    private final ObjectMapper json = CommerceJson.newMapper();

    public ChannelHttp(Duration connectTimeout, Duration requestTimeout, MessageTracing tracing) {
        // Redirects are not followed: a write must never be replayed somewhere else, nor a token sent there.
        this.client = new TracedHttpClient(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), tracing);
        this.requestTimeout = requestTimeout;
    }

    /** A request with the timeout, JSON {@code Accept} and our {@code User-Agent}; {@link #send} adds the trace. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", JSON)
                .header("User-Agent", USER_AGENT);
    }

    /**
     * Sends a request; no answer at all (refused, reset, timed out, interrupted) is the channel being unavailable.
     *
     * @param what names the call in the failure's reason, e.g. {@code "amazon PATCH SKU-1"}; never a secret
     */
    public HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw ChannelCallFailure.unavailable(what + ": no answer within the timeout (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw ChannelCallFailure.unavailable(what + ": not reachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChannelCallFailure.unavailable(what + ": interrupted while waiting for the answer");
        }
    }

    /** The body as a JSON tree; an empty body is an empty object, anything else unreadable is a failure. */
    public JsonNode body(HttpResponse<String> response, String what) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ChannelCallFailure.unavailable(what + ": HTTP " + response.statusCode()
                    + " with a body that is not JSON: " + shortened(body));
        }
    }

    public ObjectMapper json() {
        return json;
    }

    public String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    /** The response's {@code Retry-After}, if it has a readable one. */
    public static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> retryAfter(value, Instant.now()));
    }

    /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 §10.2.3); an unreadable value is ignored. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(now,
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** One path segment, percent-encoded (a space is {@code %20}, not {@code +}). */
    public static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String shortened(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.length() > MAX_BODY_CHARS ? trimmed.substring(0, MAX_BODY_CHARS) + "…" : trimmed;
    }

    /** A base URL without its trailing slash, so paths can be appended. */
    public static String withoutTrailingSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
