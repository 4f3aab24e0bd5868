package dev.commercesync.ingest;

import dev.commercesync.ingest.IntakeOutcome.Queued;
import dev.commercesync.ingest.IntakeOutcome.Rejected;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.http.ProblemDetails;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The order API behind the HTTP API: {@code POST /v1/orders/{channel}} queues a channel's order (where it stands is
 * the operator API's {@code GET /v1/orders/{channel}/{channelOrderId}}). HTTP in and out only; the work is in
 * {@link OrderIntake}. {@link CorrelationIdFilter} has already put the intake's correlation id into
 * {@code X-Correlation-Id} and echoes it on every response.
 */
@Path("/v1/orders")
public class OrdersResource {

    private final OrderIntake intake;

    public OrdersResource(OrderIntake intake) {
        this.intake = intake;
    }

    /** The body is taken as bytes: the signature is over them, and they are what goes on the queue. */
    @POST
    @Path("/{channel}")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    public Response receive(@PathParam("channel") String channel, byte[] body, @Context HttpHeaders headers,
                            @Context UriInfo uri) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        IntakeOutcome outcome = intake.receive(new OrderDelivery(channel, body, headers::getHeaderString, correlationId));
        if (outcome instanceof Queued queued) {
            return Response.accepted(new IntakeReceipt(queued.correlationId(), queued.orderKey()))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        return ProblemResponses.of((Rejected) outcome, uri.getPath(), correlationId);
    }
}
