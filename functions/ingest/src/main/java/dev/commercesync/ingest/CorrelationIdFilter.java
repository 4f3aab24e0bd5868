package dev.commercesync.ingest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request a correlation id before routing (the caller's, if usable, else a new one) by rewriting its
 * {@code X-Correlation-Id} header, and echoes it on every response, errors included. Resources and error mappers
 * then read one header instead of each deciding again.
 */
public class CorrelationIdFilter {

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String id = CorrelationIds.acceptOrCreate(request.getHeaderString(CorrelationIds.HEADER));
        request.getHeaders().putSingle(CorrelationIds.HEADER, id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getHeaderString(CorrelationIds.HEADER);
        if (id != null) {
            response.getHeaders().putSingle(CorrelationIds.HEADER, id);
        }
    }
}
