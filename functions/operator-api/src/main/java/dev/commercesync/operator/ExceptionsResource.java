package dev.commercesync.operator;

import dev.commercesync.pipeline.http.CallerText;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.http.ProblemDetails;
import dev.commercesync.pipeline.operations.ExceptionFilter;
import dev.commercesync.pipeline.operations.ExceptionPage;
import dev.commercesync.pipeline.operations.ExceptionQuery;
import dev.commercesync.pipeline.operations.ExceptionRetry;
import dev.commercesync.pipeline.operations.OpenException;
import dev.commercesync.pipeline.operations.RetryOutcome;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Business exceptions for operators: {@code GET /v1/exceptions} lists the open ones (the open-exception index, oldest
 * first, a page at a time), {@code POST /v1/exceptions/{exceptionId}/retry} re-submits one, audited under the caller.
 * HTTP in and out only; the work is {@link ExceptionQuery}'s and {@link ExceptionRetry}'s.
 */
@Path("/v1/exceptions")
public class ExceptionsResource {

    private final ExceptionQuery query;
    private final ExceptionRetry retry;

    public ExceptionsResource(ExceptionQuery query, ExceptionRetry retry) {
        this.query = query;
        this.retry = retry;
    }

    /** Bad filters leave as 400 problems through {@link ProblemExceptionMappers#invalidFilter}. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    public Response list(@QueryParam("type") String type, @QueryParam("channel") String channel,
                         @QueryParam("olderThan") String olderThan, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        ExceptionPage page = query.list(ExceptionFilter.parse(type, channel, olderThan, limit, cursor));
        return Response.ok(page, MediaType.APPLICATION_JSON_TYPE).cacheControl(OrdersResource.NO_STORE).build();
    }

    @POST
    @Path("/{exceptionId}/retry")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    public Response retry(@PathParam("exceptionId") String exceptionId, byte[] body, @Context HttpHeaders headers,
                          @Context UriInfo uri, @Context HttpServerRequest request) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        String path = uri.getPath();
        RetryRequest.Parsed parsed = RetryRequest.parse(body);
        if (parsed.fault() != null) {
            return Problems.badRequest("invalid-retry-request", "Retry request not usable", parsed.fault(), path,
                    correlationId);
        }
        RetryOutcome outcome = retry.retry(exceptionId, OperatorAccess.actor(request), parsed.request().reason(),
                parsed.request().dryRun());
        // Java 17: no pattern switch over the sealed outcomes; every one is answered below.
        if (outcome instanceof RetryOutcome.Retried r) {
            return Response.accepted(RetryReceipt.of(r)).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (outcome instanceof RetryOutcome.UnknownException u) {
            return Problems.notFound("unknown-exception", "Unknown exception",
                    "no exception " + CallerText.quote(u.exceptionId()) + " is known", path, correlationId);
        }
        if (outcome instanceof RetryOutcome.NotRetryable n) {
            return Problems.conflict("not-retryable", "Exception not retryable", n.detail(), path, correlationId);
        }
        if (outcome instanceof RetryOutcome.OrderChanged c) {
            return Problems.conflict("order-changed", "Order changed meanwhile", c.detail(), path, correlationId);
        }
        RetryOutcome.NotQueued q = (RetryOutcome.NotQueued) outcome;
        return Problems.unavailable(q.detail() + " (audit " + q.auditId() + ")", path, correlationId);
    }

    /**
     * Body of a 202 to a retry.
     *
     * @param state   {@code RETRIED}; on a dry run {@code OPEN} (nothing changed)
     * @param eventId the event sent to {@code queueUrl}, null on a dry run
     * @param auditId the operator audit record of this retry
     */
    @RegisterForReflection
    public record RetryReceipt(String exceptionId, String orderKey, String type, String state, String queueUrl,
                               String eventId, String auditId, boolean dryRun) {
        static RetryReceipt of(RetryOutcome.Retried r) {
            return new RetryReceipt(r.exceptionId(), r.orderKey(), r.type(), r.dryRun() ? "OPEN" : "RETRIED",
                    r.queueUrl(), r.eventId(), r.auditId(), r.dryRun());
        }
    }

    /** Jackson writes the pipeline-support records of the list through reflection; a native image keeps only these. */
    @RegisterForReflection(targets = {ExceptionPage.class, OpenException.class})
    static final class ListReflection {
        private ListReflection() {
        }
    }
}
