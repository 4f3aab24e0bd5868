package dev.commercesync.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.ingest.StockIntakeOutcome.Invalid;
import dev.commercesync.ingest.StockIntakeOutcome.Malformed;
import dev.commercesync.ingest.StockIntakeOutcome.NotQueued;
import dev.commercesync.ingest.StockIntakeOutcome.Queued;
import dev.commercesync.ingest.StockIntakeOutcome.TooLarge;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.inventory.StockEvent;
import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.http.ProblemDetails.FieldProblem;
import dev.commercesync.pipeline.messaging.EventCodec;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.PublishFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Takes stock figures from the ERP or WMS relay to the inventory queue, one figure per event, grouped per SKU. A
 * batch is all or nothing as far as validation goes: one invalid figure and none is queued, so the relay can fix and
 * resend the whole batch. Once valid, it is reported queued only after SQS confirmed every figure.
 */
@ApplicationScoped
public class StockIntake {

    private static final Logger LOG = Logger.getLogger(StockIntake.class);

    /** More than this per request and the relay should split: a batch must be queued within one invocation. */
    static final int MAX_EVENTS = 500;
    private static final List<String> FIELDS = List.of("sku", "locationId", "onHand", "reserved", "sequence", "asOf",
            "source");

    private final EventPublisher publisher;
    private final EventCodec codec;
    private final Supplier<String> inventoryQueueUrl;
    private final int maxMessageBytes;
    private final Clock clock;

    @Inject
    public StockIntake(EventPublisher publisher, EventCodec codec, PipelineConfig pipeline, IngestConfig config) {
        this(publisher, codec, () -> PipelineConfig.require(pipeline.queues().inventory(), "INVENTORY_QUEUE_URL"),
                config.maxMessageBytes(), Clock.systemUTC());
    }

    StockIntake(EventPublisher publisher, EventCodec codec, Supplier<String> inventoryQueueUrl, int maxMessageBytes,
                Clock clock) {
        this.publisher = publisher;
        this.codec = codec;
        this.inventoryQueueUrl = inventoryQueueUrl;
        this.maxMessageBytes = maxMessageBytes;
        this.clock = clock;
    }

    public StockIntakeOutcome receive(byte[] body, String correlationId) {
        if (body.length > envelopeLimit()) {
            return new TooLarge("body is " + body.length + " bytes; send at most " + envelopeLimit()
                    + " bytes per request (split the batch)");
        }
        RequestJson.Parsed parsed = RequestJson.parse(body);
        if (parsed.fault() != null) {
            return new Malformed(parsed.fault());
        }
        JsonNode json = parsed.json();
        boolean single = json.isObject();
        if (!single && !json.isArray()) {
            return new Malformed("body must be a stock event object or an array of 1 to " + MAX_EVENTS + " of them");
        }
        List<JsonNode> items = new ArrayList<>();
        if (single) {
            items.add(json);
        } else {
            json.forEach(items::add);
        }
        if (items.isEmpty()) {
            return new Malformed("the array holds no stock events; send 1 to " + MAX_EVENTS);
        }
        if (items.size() > MAX_EVENTS) {
            return new TooLarge(items.size() + " stock events in one request; send at most " + MAX_EVENTS);
        }

        List<StockEvent> events = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            read(items.get(i), i, single ? "" : "/" + i, events, problems);
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }

        Instant now = clock.instant();
        List<EventEnvelope<?>> envelopes = new ArrayList<>();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope<StockEvent> envelope = envelope(events.get(i), now, correlationId);
            int bytes = codec.encode(envelope).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > envelopeLimit()) {
                return new TooLarge("stock event " + i + " would be a " + bytes + " byte message; the inventory queue"
                        + " takes at most " + envelopeLimit());
            }
            envelopes.add(envelope);
            indexOf.put(envelope.eventId(), i);
        }
        try {
            publisher.publishAll(inventoryQueueUrl.get(), envelopes);
        } catch (PublishFailedException e) {
            List<Integer> notQueued = e.notSentEventIds().stream().map(indexOf::get).sorted().toList();
            if (notQueued.isEmpty()) { // not told which: none can be assumed queued
                notQueued = IntStream.range(0, envelopes.size()).boxed().toList();
            }
            LOG.errorf(e, "inventory queue did not take %d of %d stock events (correlation %s)", notQueued.size(),
                    envelopes.size(), correlationId);
            return new NotQueued(notQueued, envelopes.size(), single);
        }
        LOG.infof("queued %d stock events (correlation %s)", envelopes.size(), correlationId);
        return new Queued(envelopes.stream().map(EventEnvelope::eventId).toList());
    }

    private static void read(JsonNode item, int index, String base, List<StockEvent> events,
                             List<FieldProblem> problems) {
        if (!item.isObject()) {
            problems.add(new FieldProblem(index, base, "a stock event must be a JSON object"));
            return;
        }
        // onHand is a primitive in the record: absent would read as 0, which would empty every channel.
        JsonNode onHand = item.get("onHand");
        if (onHand == null || onHand.isNull()) {
            problems.add(new FieldProblem(index, base + "/onHand", "onHand is required"));
            return;
        }
        RequestJson.Bound<StockEvent> bound = RequestJson.bind(item, StockEvent.class, index, base);
        if (bound.problem() != null) {
            problems.add(bound.problem());
            return;
        }
        StockEvent event = bound.value();
        for (String problem : event.problems()) {
            problems.add(new FieldProblem(index, RequestJson.pointerOf(base, problem, FIELDS, List.of()), problem));
        }
        events.add(event);
    }

    /**
     * A figure the source numbered but did not date is dated by its arrival here: publish-inventory compares it with
     * the time orders were confirmed by the ERP.
     */
    private static EventEnvelope<StockEvent> envelope(StockEvent event, Instant now, String correlationId) {
        StockEvent dated = event.asOf() != null ? event : new StockEvent(event.sku(), event.locationId(),
                event.onHand(), event.reserved(), event.sequence(), now, event.source());
        return new EventEnvelope<>(SchemaId.STOCK_V1, UUID.randomUUID().toString(), correlationId, null, now, null,
                null, dated.idempotencyKey(), List.of(), dated);
    }

    private int envelopeLimit() {
        return maxMessageBytes - OrderIntake.ATTRIBUTE_ALLOWANCE_BYTES;
    }
}
