package dev.commercesync.erp.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.erp.ErpConfigurationException;
import dev.commercesync.erp.ErpDocument;
import dev.commercesync.erp.ErpGateway;
import dev.commercesync.erp.ErpOutcomeUnknownException;
import dev.commercesync.erp.ErpRejectedException;
import dev.commercesync.erp.ErpSalesOrder;
import dev.commercesync.erp.ErpThrottledException;
import dev.commercesync.erp.TransientErpException;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.pipeline.tracing.MessageTracing;
import dev.commercesync.pipeline.tracing.TracedHttpClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ErpGateway} over the generic REST contract ({@code infra/erp/generic-erp-openapi.yaml}), with the JDK's
 * HTTP client: no extra dependency, nothing for a native image to register beyond our own JSON types.
 * <p>
 * Every call runs under {@link ErpCallPolicy}: a hard timeout, a few retries of transient failures with exponential
 * backoff, jitter and {@code Retry-After} ({@link ErpRetryBackoff}), and a circuit breaker that stops calling a failing
 * ERP for a while. Business rejections (4xx) are answers, not failures: never retried, and they keep the breaker
 * closed; so does throttling (429, {@link ErpThrottledException}), which is retried after its {@code Retry-After}. Each method has its own breaker state (SmallRye keys it by method); the service looks an order up before it
 * creates it, so the lookup's breaker is the one that trips first when the ERP goes down.
 */
@ApplicationScoped
@Timeout(value = ErpCallPolicy.HARD_TIMEOUT_MS, unit = ChronoUnit.MILLIS)
@Retry(maxRetries = ErpCallPolicy.MAX_RETRIES,
        delay = ErpCallPolicy.INITIAL_BACKOFF_MS, delayUnit = ChronoUnit.MILLIS,
        maxDuration = ErpCallPolicy.MAX_RETRY_DURATION_MS, durationUnit = ChronoUnit.MILLIS,
        jitter = 0 /* ErpRetryBackoff applies its own: SmallRye ignores this one with a custom backoff */)
@RetryWhen(exception = ErpCallPolicy.RetryNow.class)
@CustomBackoff(ErpRetryBackoff.class)
@CircuitBreaker(requestVolumeThreshold = ErpCallPolicy.CIRCUIT_BREAKER_WINDOW,
        failureRatio = ErpCallPolicy.CIRCUIT_BREAKER_FAILURE_RATIO,
        delay = ErpCallPolicy.CIRCUIT_BREAKER_DELAY_S, delayUnit = ChronoUnit.SECONDS,
        successThreshold = ErpCallPolicy.CIRCUIT_BREAKER_SUCCESS_THRESHOLD,
        failOn = {TransientErpException.class, ErpConfigurationException.class, TimeoutException.class},
        skipOn = ErpThrottledException.class)
public class RestErpGateway implements ErpGateway {

    private static final Logger LOG = Logger.getLogger(RestErpGateway.class);
    private static final String JSON = "application/json";
    /** Enough of an unexpected body to recognise it in the exception record, not a whole HTML error page. */
    private static final int MAX_MESSAGE_CHARS = 1_000;

    private final URI salesOrders;
    private final Optional<String> authorization;
    private final Duration requestTimeout;
    /** Each call a CLIENT span whose context the ERP receives, so its logs join our trace of the order. */
    private final TracedHttpClient http;
    private final ObjectMapper json;

    public RestErpGateway(ErpConfig config, MessageTracing tracing) {
        String base = config.baseUrl().toString();
        this.salesOrders = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/sales-orders");
        this.authorization = config.apiKey().filter(key -> !key.isBlank()).map(key -> "Bearer " + key);
        this.requestTimeout = config.requestTimeout();
        // HTTP/1.1: ERP facades and the proxies in front of them speak it reliably; h2c upgrade attempts on plain
        // http confuse some of them. Redirects are not followed: a POST must never be replayed somewhere else.
        this.http = new TracedHttpClient(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), tracing);
        this.json = CommerceJson.newMapper();
    }

    @Override
    @CircuitBreakerName(ErpCallPolicy.FIND_BREAKER)
    public Optional<ErpDocument> findByExternalReference(String externalReference) {
        URI uri = URI.create(salesOrders + "?externalReference="
                + URLEncoder.encode(externalReference, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(request(uri).GET().build(), "/sales-orders", false);
        if (response.statusCode() != 200) {
            throw failure("find " + externalReference, response, true);
        }
        List<ErpDocument> matches = new ArrayList<>();
        JsonNode body = parse(response);
        JsonNode items = body.isArray() ? body : body.path("items");
        for (JsonNode item : items) {
            ErpDocument document = document(item, externalReference, null);
            // Only exact matches: a facade whose filter matches prefixes must not hand us someone else's order.
            if (document.documentId() != null && externalReference.equals(document.externalReference())) {
                matches.add(document);
            }
        }
        if (matches.size() > 1) {
            throw new ErpRejectedException(0, "the ERP holds " + matches.size() + " documents for " + externalReference
                    + " (" + matches.stream().map(ErpDocument::documentId).toList()
                    + "); resolve the duplicate in the ERP, then re-queue the order");
        }
        return matches.stream().findFirst();
    }

    @Override
    @CircuitBreakerName(ErpCallPolicy.CREATE_BREAKER)
    public ErpDocument create(ErpSalesOrder order) {
        HttpRequest request = request(salesOrders)
                .header("Content-Type", JSON)
                .header("Idempotency-Key", order.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(write(order)))
                .build();
        HttpResponse<String> response = send(request, "/sales-orders", true);
        int status = response.statusCode();
        if (status == 201 || status == 200) {
            try {
                return document(parse(response), order.externalReference(), order.sourceVersion());
            } catch (TransientErpException unreadable) {
                // Created, but we cannot tell as what: the next attempt looks it up rather than creating again.
                throw new ErpOutcomeUnknownException("create " + order.externalReference()
                        + ": HTTP " + status + " with an unreadable body", unreadable);
            }
        }
        if (status == 409) {
            ErpDocument existing = document(parse(response), order.externalReference(), null);
            if (existing.documentId() == null) {
                throw new ErpRejectedException(409, "the ERP says " + order.externalReference()
                        + " exists but names no document: " + erpMessage(response));
            }
            LOG.infof("ERP already holds %s as %s (version %s)", order.externalReference(), existing.documentId(),
                    existing.sourceVersion());
            return existing;
        }
        throw failure("create " + order.externalReference(), response, true);
    }

    @Override
    @CircuitBreakerName(ErpCallPolicy.UPDATE_BREAKER)
    public ErpDocument update(String documentId, ErpSalesOrder order) {
        URI uri = URI.create(salesOrders + "/" + URLEncoder.encode(documentId, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        HttpRequest request = request(uri)
                .header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(write(order)))
                .build();
        HttpResponse<String> response = send(request, "/sales-orders/{documentId}", false);
        int status = response.statusCode();
        if (status == 200 || status == 204) {
            ErpDocument updated = status == 204 ? null : document(parse(response), order.externalReference(),
                    order.sourceVersion());
            return updated == null || updated.documentId() == null
                    ? new ErpDocument(documentId, order.externalReference(), order.sourceVersion())
                    : updated;
        }
        if (status == 409) {
            ErpDocument held = document(parse(response), order.externalReference(), null);
            LOG.infof("ERP document %s holds version %s, newer than %s: left as it is", documentId,
                    held.sourceVersion(), order.sourceVersion());
            return new ErpDocument(held.documentId() == null ? documentId : held.documentId(),
                    held.externalReference(), held.sourceVersion());
        }
        if (status == 404) {
            throw new ErpRejectedException(404, "the ERP has no document " + documentId + " for "
                    + order.externalReference() + " any more (deleted in the ERP?): " + erpMessage(response));
        }
        throw failure("update " + documentId, response, false);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", JSON + ", application/problem+json")
                .header("User-Agent", "commerce-sync-post-to-erp");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    /**
     * @param urlTemplate the path with the document id named, which names the call's span
     * @param create      true for a create: once it went out, a lost answer means the ERP may hold the order, and that
     *                    must not be retried like a failure that certainly changed nothing
     */
    private HttpResponse<String> send(HttpRequest request, String urlTemplate, boolean create) {
        String what = request.method() + " " + request.uri().getPath();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), urlTemplate);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new TransientErpException(what + ": ERP not reachable: " + e.getMessage(), null, null, e);
        } catch (IOException e) {
            throw lostAnswer(what, create, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the @Timeout interrupted us; it reports the timeout itself
            throw lostAnswer(what, create, e);
        }
    }

    private static TransientErpException lostAnswer(String what, boolean create, Exception cause) {
        String message = what + ": no answer from the ERP (" + cause + ")";
        return create ? new ErpOutcomeUnknownException(message, cause)
                : new TransientErpException(message, null, null, cause);
    }

    /**
     * @param collection true for calls on {@code /sales-orders} itself, which exists whatever the order: a 404 there
     *                   means a wrong base URL, not a missing order, and must not mark every order ERP_REJECTED
     */
    private RuntimeException failure(String what, HttpResponse<String> response, boolean collection) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return new ErpConfigurationException(what + ": the ERP refused our credentials (HTTP " + status
                    + "); check ERP_API_KEY");
        }
        if ((collection && status == 404) || status == 405 || status == 406 || status == 415) {
            return new ErpConfigurationException(what + ": HTTP " + status + " from " + response.uri()
                    + "; check ERP_BASE_URL and that the ERP speaks infra/erp/generic-erp-openapi.yaml");
        }
        if (status == 429) {
            return new ErpThrottledException(what + ": HTTP 429", retryAfter(response).orElse(null));
        }
        if (status == 408 || status >= 500) {
            // The status only: this message is logged on every retry, and an ERP's error page can echo the order
            // (buyer name, address) back. A rejection's text goes to the order's exception record instead.
            return new TransientErpException(what + ": HTTP " + status, status, retryAfter(response).orElse(null),
                    null);
        }
        if (status >= 400) {
            return new ErpRejectedException(status, erpMessage(response));
        }
        return new TransientErpException(what + ": unexpected HTTP " + status, status, null, null);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
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

    /**
     * The ERP's own words for the operator: RFC 9457 {@code detail} (else {@code title}, else the common
     * {@code message}), with any field errors; a body that is not JSON is quoted as it is, shortened.
     */
    private String erpMessage(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().trim();
        String text = null;
        try {
            JsonNode problem = body.isEmpty() ? null : json.readTree(body);
            if (problem != null && problem.isObject()) {
                text = firstText(problem, "detail", "title", "message", "error");
                List<String> fieldErrors = new ArrayList<>();
                for (JsonNode error : problem.path("errors")) {
                    String detail = firstText(error, "detail", "message");
                    String pointer = firstText(error, "pointer", "field");
                    if (detail != null && !detail.equals(text)) {
                        fieldErrors.add(pointer == null ? detail : pointer + ": " + detail);
                    }
                }
                if (!fieldErrors.isEmpty()) {
                    text = (text == null ? "" : text + " ") + fieldErrors;
                }
            }
        } catch (JsonProcessingException notJson) {
            text = null;
        }
        if (text == null || text.isBlank()) {
            text = body.isEmpty() ? "HTTP " + response.statusCode() + " without a message" : body;
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
    }

    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    /**
     * A document from a response body. What the body leaves out is what we sent: a create's 201 that omits the
     * version still holds the version we posted.
     */
    private static ErpDocument document(JsonNode node, String sentReference, Instant sentVersion) {
        String documentId = firstText(node, "documentId");
        String reference = firstText(node, "externalReference");
        Instant version = null;
        String versionText = firstText(node, "sourceVersion");
        if (versionText != null) {
            try {
                version = Instant.parse(versionText);
            } catch (DateTimeParseException unreadable) {
                LOG.warnf("ERP sent an unreadable sourceVersion '%s' for %s", versionText, sentReference);
            }
        }
        return new ErpDocument(documentId, reference == null ? sentReference : reference,
                version == null ? sentVersion : version);
    }

    private JsonNode parse(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new TransientErpException("the ERP answered HTTP " + response.statusCode()
                    + " with a body that is not JSON", response.statusCode(), null, e);
        }
    }

    private String write(ErpSalesOrder order) {
        try {
            return json.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sales order for " + order.externalReference(), e);
        }
    }
}
