package dev.commercesync.operator;

import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.http.ProblemDetails;
import dev.commercesync.pipeline.operations.InvalidExceptionFilter;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Locale;

/** Every failure the resources do not answer themselves still leaves as {@code application/problem+json}. */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    /** A filter of the exception list that cannot be applied: the caller's to fix, and the detail says how. */
    @ServerExceptionMapper
    public Response invalidFilter(InvalidExceptionFilter e, HttpHeaders headers, UriInfo uri) {
        return Problems.badRequest("invalid-filter", "Invalid filter", e.getMessage(), uri.getPath(),
                headers.getHeaderString(CorrelationIds.HEADER));
    }

    /** Routing and protocol errors: unknown path (404), wrong method (405), unsupported media type (415)... */
    @ServerExceptionMapper
    public Response protocolError(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String title = status.getReasonPhrase() == null ? "HTTP " + status.getStatusCode() : status.getReasonPhrase();
        String kind = title.toLowerCase(Locale.ROOT).replace(' ', '-');
        return Problems.response(ProblemDetails.of(kind, title, status.getStatusCode(), e.getMessage(), uri.getPath(),
                headers.getHeaderString(CorrelationIds.HEADER))).build();
    }

    /** DynamoDB or SQS could not be reached or throttled us: worth a retry, and not the caller's fault. */
    @ServerExceptionMapper
    public Response awsUnavailable(SdkException e, HttpHeaders headers, UriInfo uri) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        LOG.errorf(e, "AWS call failed for %s (correlation %s)", uri.getPath(), correlationId);
        return Problems.unavailable("a backing service did not answer; retry later", uri.getPath(), correlationId);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        LOG.errorf(e, "unexpected failure on %s (correlation %s)", uri.getPath(), correlationId);
        return Problems.response(ProblemDetails.of("internal-error", "Internal error", 500,
                "the failure is logged under the correlation id", uri.getPath(), correlationId)).build();
    }
}
