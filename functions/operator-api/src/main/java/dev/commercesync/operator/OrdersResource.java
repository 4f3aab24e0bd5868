package dev.commercesync.operator;

import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.http.CallerText;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.http.ProblemDetails;
import jakarta.ws.rs.GET;
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
 * {@code GET /v1/orders/{channel}/{channelOrderId}}: where an order stands, with its timeline and exceptions. HTTP in
 * and out only; the read is {@link OrderStateLookup}'s.
 */
@Path("/v1/orders")
public class OrdersResource {

    /** The order holds an address: no shared cache may keep it. */
    static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final OrderStateLookup lookup;

    public OrdersResource(OrderStateLookup lookup) {
        this.lookup = lookup;
    }

    @GET
    @Path("/{channel}/{channelOrderId}")
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    public Response find(@PathParam("channel") String channel, @PathParam("channelOrderId") String channelOrderId,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        Optional<SalesChannel> known = SalesChannel.fromId(channel);
        if (known.isEmpty()) {
            return Problems.notFound("unknown-channel", "Unknown channel", "no channel " + CallerText.quote(channel),
                    uri.getPath(), correlationId);
        }
        ChannelOrderKey key = new ChannelOrderKey(known.get(), channelOrderId);
        return lookup.find(key)
                .map(view -> Response.ok(view, MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build())
                .orElseGet(() -> Problems.notFound("unknown-order", "Unknown order",
                        "no order " + key.value() + " is known", uri.getPath(), correlationId));
    }
}
