package dev.commercesync.ingest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An error body as RFC 9457 {@code application/problem+json}. The type URIs are identifiers, not links (the RFC
 * allows non-resolvable ones); {@code correlationId} is an extension member so a caller can quote the failed intake.
 *
 * @param type          {@code urn:commerce-sync:problem:<kind>}
 * @param title         short summary of the kind, the same for every occurrence
 * @param status        the HTTP status code
 * @param detail        this occurrence, in words the caller can act on; never echoes personal data
 * @param instance      the request path
 * @param correlationId the intake's correlation id, also in the {@code X-Correlation-Id} header
 */
@RegisterForReflection
public record ProblemDetails(String type, String title, int status, String detail, String instance,
                             String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static ProblemDetails of(String kind, String title, int status, String detail, String instance,
                                    String correlationId) {
        return new ProblemDetails("urn:commerce-sync:problem:" + kind, title, status, detail, instance, correlationId);
    }
}
