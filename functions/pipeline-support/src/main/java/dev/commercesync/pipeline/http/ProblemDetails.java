package dev.commercesync.pipeline.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * An error body as RFC 9457 {@code application/problem+json}, the same shape from every HTTP function (ingest,
 * operator-api). The type URIs are identifiers, not links (the RFC allows non-resolvable ones); {@code correlationId}
 * is an extension member so a caller can quote the failed request.
 *
 * @param type          {@code urn:commerce-sync:problem:<kind>}
 * @param title         short summary of the kind, the same for every occurrence
 * @param status        the HTTP status code
 * @param detail        this occurrence, in words the caller can act on; never echoes personal data
 * @param instance      the request path
 * @param correlationId the request's correlation id (an intake's), also in the {@code X-Correlation-Id} header
 * @param errors        extension member: each problem with one part of the request body (left out when there are
 *                      none), so a caller sending many items learns every fault and where it is in one answer
 */
@RegisterForReflection
public record ProblemDetails(String type, String title, int status, String detail, String instance,
                             String correlationId,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public ProblemDetails {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemDetails of(String kind, String title, int status, String detail, String instance,
                                    String correlationId) {
        return of(kind, title, status, detail, instance, correlationId, List.of());
    }

    public static ProblemDetails of(String kind, String title, int status, String detail, String instance,
                                    String correlationId, List<FieldProblem> errors) {
        return new ProblemDetails("urn:commerce-sync:problem:" + kind, title, status, detail, instance, correlationId,
                errors);
    }

    /**
     * One fault with one part of the request body.
     *
     * @param index   which item of a batch (0-based) it concerns; left out where the body is not a batch
     * @param pointer RFC 6901 JSON Pointer into the request body as sent ({@code /3/sku}; {@code ""} for the whole
     *                body); left out when the fault is not in the body (the SKU in the path, say)
     * @param detail  what is wrong, in words the caller can act on
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldProblem(Integer index, String pointer, String detail) {
    }
}
