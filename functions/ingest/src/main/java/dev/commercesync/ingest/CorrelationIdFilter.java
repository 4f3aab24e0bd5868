package dev.commercesync.ingest;

import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.logging.LogContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request a correlation id before routing (the caller's, if usable, else a new one) by rewriting its
 * {@code X-Correlation-Id} header, and echoes it on every response, errors included. Resources and error mappers
 * then read one header instead of each deciding again. The id and the step also go into the log context, which lives
 * as long as the request's Vert.x context (Quarkus adds the request span's trace and span ids to it).
 */
public class CorrelationIdFilter {

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String id = CorrelationIds.acceptOrCreate(request.getHeaderString(CorrelationIds.HEADER));
        request.getHeaders().putSingle(CorrelationIds.HEADER, id);
        MDC.put(LogContext.CORRELATION_ID, id);
        MDC.put(LogContext.STEP, "intake");
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getHeaderString(CorrelationIds.HEADER);
        if (id != null) {
            response.getHeaders().putSingle(CorrelationIds.HEADER, id);
        }
    }
}
