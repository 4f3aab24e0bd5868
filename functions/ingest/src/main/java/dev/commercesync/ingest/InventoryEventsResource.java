package dev.commercesync.ingest;

import dev.commercesync.ingest.StockIntakeOutcome.Invalid;
import dev.commercesync.ingest.StockIntakeOutcome.Malformed;
import dev.commercesync.ingest.StockIntakeOutcome.NotQueued;
import dev.commercesync.ingest.StockIntakeOutcome.Queued;
import dev.commercesync.ingest.StockIntakeOutcome.TooLarge;
import dev.commercesync.pipeline.http.CorrelationIds;
import dev.commercesync.pipeline.http.ProblemDetails.FieldProblem;
import dev.commercesync.pipeline.http.ProblemDetails;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code POST /v1/inventory-events}: stock figures from the ERP or WMS relay, one object or an array of up to 500.
 * HTTP in and out only; the work is in {@link StockIntake}.
 */
@Path("/v1/inventory-events")
public class InventoryEventsResource {

    private final StockIntake intake;

    public InventoryEventsResource(StockIntake intake) {
        this.intake = intake;
    }

    /** The body is taken as bytes, so that it is parsed strictly and its size checked before anything else. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    public Response receive(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        String correlationId = headers.getHeaderString(CorrelationIds.HEADER);
        String path = uri.getPath();
        StockIntakeOutcome outcome = intake.receive(body, correlationId);
        if (outcome instanceof Queued queued) {
            return Response.accepted(new InventoryReceipt(queued.eventIds().size(), queued.eventIds()))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (outcome instanceof Invalid invalid) {
            return ProblemResponses.response(ProblemDetails.of("invalid-stock-events", "Stock events not valid", 400,
                    invalid.problems().size() + " problem(s) in the stock events; nothing was queued", path,
                    correlationId, invalid.problems())).build();
        }
        if (outcome instanceof Malformed malformed) {
            return ProblemResponses.response(ProblemDetails.of("malformed-stock-events", "Stock events not usable",
                    400, malformed.detail(), path, correlationId)).build();
        }
        if (outcome instanceof TooLarge tooLarge) {
            return ProblemResponses.response(ProblemDetails.of("stock-events-too-large", "Stock events too large",
                    413, tooLarge.detail(), path, correlationId)).build();
        }
        NotQueued notQueued = (NotQueued) outcome;
        List<FieldProblem> notSent = notQueued.notQueuedIndexes().stream()
                .map(i -> new FieldProblem(notQueued.single() ? null : i, notQueued.single() ? "" : "/" + i,
                        "not queued; send it again"))
                .toList();
        return ProblemResponses.unavailable(notSent.size() + " of " + notQueued.total() + " stock events were not"
                        + " queued; send those again (repeats are harmless), the others are queued", path,
                correlationId, notSent);
    }
}
