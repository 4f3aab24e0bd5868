package dev.commercesync.operator;

import dev.commercesync.pipeline.http.CorrelationIds;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request a correlation id before routing (the caller's, if usable, else a new one) and echoes it on every
 * response, errors included, as ingest does; problems quote it, so an operator can find the call in the logs.
 */
public class CorrelationIdFilter {

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void assign(ContainerRequestContext request) {
        request.getHeaders().putSingle(CorrelationIds.HEADER,
                CorrelationIds.acceptOrCreate(request.getHeaderString(CorrelationIds.HEADER)));
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        String id = request.getHeaderString(CorrelationIds.HEADER);
        if (id != null) {
            response.getHeaders().putSingle(CorrelationIds.HEADER, id);
        }
    }
}
