package dev.commercesync.ingest;

import dev.commercesync.ingest.ListingUpdateOutcome.Applied;
import dev.commercesync.ingest.ListingUpdateOutcome.Invalid;
import dev.commercesync.ingest.ListingUpdateOutcome.Malformed;
import dev.commercesync.ingest.ListingUpdateOutcome.StoredNotApplied;
import dev.commercesync.ingest.ListingUpdateOutcome.TooLarge;
import dev.commercesync.ingest.ListingUpdateOutcome.VersionConflict;
import dev.commercesync.model.inventory.SkuListings;
import dev.commercesync.pipeline.http.CallerText;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.http.ProblemDetails;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code PUT /v1/listings/{sku}} replaces a SKU's channel listings, {@code GET} shows them. The version is the ETag:
 * send it back in {@code If-Match} to replace only what you read. HTTP in and out only; the work is in
 * {@link ListingUpdates}.
 */
@Path("/v1/listings/{sku}")
public class ListingsResource {

    private final ListingUpdates listings;

    public ListingsResource(ListingUpdates listings) {
        this.listings = listings;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    public Response find(@PathParam("sku") String sku, @Context HttpHeaders headers, @Context UriInfo uri) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        return listings.find(sku)
                .map(ListingsResource::ok)
                .orElseGet(() -> ProblemResponses.notFound("unknown-sku", "No listings",
                        "no listings are stored for SKU " + CallerText.quote(sku), uri.getPath(), correlationId));
    }

    /** The body is taken as bytes, so that it is parsed strictly and its size checked before anything else. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    public Response replace(@PathParam("sku") String sku, byte[] body, @Context HttpHeaders headers,
                            @Context UriInfo uri) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        String path = uri.getPath();
        ListingUpdateOutcome outcome = listings.replace(sku, body, headers.getHeaderString(HttpHeaders.IF_MATCH),
                correlationId);
        if (outcome instanceof Applied applied) {
            return ok(applied.listings());
        }
        if (outcome instanceof StoredNotApplied stored) {
            long version = stored.listings().version();
            Response unavailable = ProblemResponses.unavailable("the listings are stored as version " + version
                    + " but not yet applied to the channels; repeat the PUT with If-Match: \"" + version
                    + "\" to apply them", path, correlationId);
            return Response.fromResponse(unavailable).tag(etag(stored.listings())).build();
        }
        if (outcome instanceof VersionConflict conflict) {
            String detail = conflict.currentVersion() == 0
                    ? "SKU " + CallerText.quote(sku) + " has no listings yet; send If-Match: \"0\" or none to create them"
                    : "the listings are at version " + conflict.currentVersion() + ", not the one in If-Match; read"
                    + " them again and repeat the PUT with If-Match: \"" + conflict.currentVersion() + "\"";
            return ProblemResponses.response(ProblemDetails.of("version-conflict", "Listings changed meanwhile", 412,
                    detail, path, correlationId)).build();
        }
        if (outcome instanceof Invalid invalid) {
            return ProblemResponses.response(ProblemDetails.of("invalid-listings", "Listings not valid", 400,
                    invalid.problems().size() + " problem(s) in the listings; nothing was stored", path, correlationId,
                    invalid.problems())).build();
        }
        if (outcome instanceof TooLarge tooLarge) {
            return ProblemResponses.response(ProblemDetails.of("listings-too-large", "Listings too large", 413,
                    tooLarge.detail(), path, correlationId)).build();
        }
        return ProblemResponses.response(ProblemDetails.of("malformed-listings", "Listings not usable", 400,
                ((Malformed) outcome).detail(), path, correlationId)).build();
    }

    private static Response ok(SkuListings stored) {
        return Response.ok(stored, MediaType.APPLICATION_JSON_TYPE).tag(etag(stored)).build();
    }

    private static EntityTag etag(SkuListings stored) {
        return new EntityTag(Long.toString(stored.version()));
    }
}
