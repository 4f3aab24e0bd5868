package dev.commercesync.operator;

import dev.commercesync.pipeline.http.ProblemDetails;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Builds the {@code application/problem+json} responses of the operator API. */
final class Problems {

    /** Seconds to wait after a 503 before trying again. */
    static final String RETRY_AFTER_SECONDS = "5";

    private Problems() {
    }

    static Response badRequest(String kind, String title, String detail, String path, String correlationId) {
        return response(ProblemDetails.of(kind, title, 400, detail, path, correlationId)).build();
    }

    static Response notFound(String kind, String title, String detail, String path, String correlationId) {
        return response(ProblemDetails.of(kind, title, 404, detail, path, correlationId)).build();
    }

    static Response conflict(String kind, String title, String detail, String path, String correlationId) {
        return response(ProblemDetails.of(kind, title, 409, detail, path, correlationId)).build();
    }

    static Response unavailable(String detail, String path, String correlationId) {
        return response(ProblemDetails.of("temporarily-unavailable", "Temporarily unavailable", 503, detail, path,
                correlationId))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    static Response.ResponseBuilder response(ProblemDetails problem) {
        return Response.status(problem.status()).type(ProblemDetails.MEDIA_TYPE).entity(problem);
    }
}
