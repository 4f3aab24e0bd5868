package dev.commercesync.ingest;

import dev.commercesync.ingest.IntakeOutcome.Queued;
import dev.commercesync.ingest.IntakeOutcome.Rejected;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;

/**
 * The order API behind the HTTP API: {@code POST /v1/orders/{channel}} queues a channel's order,
 * {@code GET /v1/orders/{channel}/{channelOrderId}} shows where it stands. HTTP in and out only; the work is in
 * {@link OrderIntake} and {@link OrderStateLookup}. {@link CorrelationIdFilter} has already put the intake's
 * correlation id into {@code X-Correlation-Id} and echoes it on every response.
 */
@Path("/v1/orders")
public class OrdersResource {

    /** The order holds an address: no shared cache may keep it. */
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final OrderIntake intake;
    private final OrderStateLookup lookup;

    public OrdersResource(OrderIntake intake, OrderStateLookup lookup) {
        this.intake = intake;
        this.lookup = lookup;
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

    @GET
    @Path("/{channel}/{channelOrderId}")
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    public Response find(@PathParam("channel") String channel, @PathParam("channelOrderId") String channelOrderId,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        Optional<SalesChannel> known = SalesChannel.fromId(channel);
        if (known.isEmpty()) {
            return ProblemResponses.notFound("unknown-channel", "Unknown channel", "no channel " + CallerText.quote(channel),
                    uri.getPath(), correlationId);
        }
        ChannelOrderKey key = new ChannelOrderKey(known.get(), channelOrderId);
        return lookup.find(key)
                .map(view -> Response.ok(view, MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build())
                .orElseGet(() -> ProblemResponses.notFound("unknown-order", "Unknown order",
                        "no order " + key.value() + " is known", uri.getPath(), correlationId));
    }
}
