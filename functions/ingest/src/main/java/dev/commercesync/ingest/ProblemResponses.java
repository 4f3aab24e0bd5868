package dev.commercesync.ingest;

import dev.commercesync.ingest.IntakeOutcome.Rejected;
import dev.commercesync.pipeline.http.ProblemDetails.FieldProblem;
import dev.commercesync.pipeline.http.ProblemDetails;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Builds the {@code application/problem+json} responses of the order, inventory and listings API. */
final class ProblemResponses {

    /**
     * Seconds a marketplace should wait after a 503. Shopify keeps its own retry schedule (up to 8 attempts over
     * 4 hours) whatever we say; other callers honour this.
     */
    static final String RETRY_AFTER_SECONDS = "30";

    private ProblemResponses() {
    }

    static Response of(Rejected rejected, String path, String correlationId) {
        return switch (rejected.fault()) {
            case UNKNOWN_CHANNEL -> notFound("unknown-channel", "Unknown channel", rejected.detail(), path, correlationId);
            case SIGNATURE_INVALID -> response(ProblemDetails.of("invalid-signature", "Webhook signature invalid", 401,
                    rejected.detail(), path, correlationId))
                    // RFC 9110 wants a challenge on every 401; this one names what to send.
                    .header(HttpHeaders.WWW_AUTHENTICATE, "HMAC-SHA256 realm=\"shopify-webhooks\"")
                    .build();
            case MALFORMED_BODY -> response(ProblemDetails.of("malformed-order", "Order body not usable", 400,
                    rejected.detail(), path, correlationId)).build();
            case TOO_LARGE -> response(ProblemDetails.of("order-too-large", "Order too large", 413,
                    rejected.detail(), path, correlationId)).build();
            case QUEUE_UNAVAILABLE -> unavailable(rejected.detail(), path, correlationId);
        };
    }

    static Response notFound(String kind, String title, String detail, String path, String correlationId) {
        return response(ProblemDetails.of(kind, title, 404, detail, path, correlationId)).build();
    }

    static Response unavailable(String detail, String path, String correlationId) {
        return unavailable(detail, path, correlationId, List.of());
    }

    /** As {@link #unavailable(String, String, String)}, naming the parts of the request that were not taken. */
    static Response unavailable(String detail, String path, String correlationId, List<FieldProblem> errors) {
        return response(ProblemDetails.of("temporarily-unavailable", "Temporarily unavailable", 503, detail, path,
                correlationId, errors))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    static Response.ResponseBuilder response(ProblemDetails problem) {
        return Response.status(problem.status()).type(ProblemDetails.MEDIA_TYPE).entity(problem);
    }
}
