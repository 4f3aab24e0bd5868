package dev.commercesync.pipeline.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.orderstate.BusinessExceptionType;
import dev.commercesync.pipeline.orderstate.OpenExceptionCursor;
import dev.commercesync.pipeline.orderstate.OpenExceptionPage;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Lists open business exceptions from the open-exception GSI: a Query per exception type, never a Scan. Without a
 * type filter the types' pages are merged oldest first, and the cursor holds each type's own position.
 */
public class ExceptionQuery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final OrderStateStore orders;
    private final Clock clock;

    public ExceptionQuery(OrderStateStore orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    /** @throws InvalidExceptionFilter when the cursor is not one this listing handed out for the same filters */
    public ExceptionPage list(ExceptionFilter filter) {
        Instant raisedBefore = filter.olderThan().map(age -> clock.instant().minus(age)).orElse(null);
        String channel = filter.channel().map(SalesChannel::id).orElse(null);
        Map<BusinessExceptionType, Position> positions = filter.cursor().isPresent()
                ? decode(filter.cursor().get(), filter)
                : start(filter);

        // Each type's next orders, then the oldest `limit` of them all.
        Map<BusinessExceptionType, OpenExceptionPage> pages = new EnumMap<>(BusinessExceptionType.class);
        List<Candidate> candidates = new ArrayList<>();
        positions.forEach((type, position) -> {
            OpenExceptionPage page = orders.findOpenExceptions(type, raisedBefore, channel, filter.limit(),
                    position.after());
            pages.put(type, page);
            page.entries().forEach(entry -> candidates.add(new Candidate(type, entry)));
        });
        candidates.sort(Comparator.comparing((Candidate c) -> c.entry().position().openExceptionAt())
                .thenComparing(c -> c.entry().position().orderKey()));
        List<Candidate> taken = candidates.subList(0, Math.min(filter.limit(), candidates.size()));

        Map<BusinessExceptionType, Position> next = new EnumMap<>(BusinessExceptionType.class);
        positions.forEach((type, position) -> {
            OpenExceptionPage page = pages.get(type);
            List<Candidate> ofType = taken.stream().filter(c -> c.type() == type).toList();
            if (ofType.size() == page.entries().size()) {
                page.next().ifPresent(cursor -> next.put(type, new Position(cursor)));
            } else if (ofType.isEmpty()) {
                next.put(type, position);
            } else {
                next.put(type, new Position(ofType.get(ofType.size() - 1).entry().position()));
            }
        });

        List<OpenException> exceptions = new ArrayList<>();
        for (Candidate c : taken) {
            view(c.entry().order()).ifPresent(exceptions::add);
        }
        return new ExceptionPage(exceptions, next.isEmpty() ? null : encode(next, filter));
    }

    /** The order's oldest open exception, which the index lists it under; none if it was settled meanwhile. */
    private static Optional<OpenException> view(OrderRecord order) {
        OptionalInt oldest = order.oldestOpenException();
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        OrderException e = order.exceptions().get(oldest.getAsInt());
        int open = (int) order.exceptions().stream().filter(OrderException::isOpen).count();
        return Optional.of(new OpenException(order.exceptionId(oldest.getAsInt()).value(), order.orderKey(),
                order.key().channel().id(), e.type(), e.state().name(), e.at(), e.reason(), e.correlationId(),
                order.status() == null ? null : order.status().name(), open));
    }

    private record Candidate(BusinessExceptionType type, OpenExceptionPage.Entry entry) {
    }

    /** Where a type's listing resumes: after {@code after}, or from its start when null. */
    private record Position(OpenExceptionCursor after) {
    }

    private static Map<BusinessExceptionType, Position> start(ExceptionFilter filter) {
        Map<BusinessExceptionType, Position> positions = new EnumMap<>(BusinessExceptionType.class);
        List<BusinessExceptionType> types = filter.type().map(List::of)
                .orElse(Arrays.asList(BusinessExceptionType.values()));
        types.forEach(type -> positions.put(type, new Position(null)));
        return positions;
    }

    private static String encode(Map<BusinessExceptionType, Position> positions, ExceptionFilter filter) {
        ObjectNode root = JSON.createObjectNode().put("f", filter.fingerprint());
        ObjectNode types = root.putObject("p");
        positions.forEach((type, position) -> {
            ObjectNode at = types.putObject(type.name());
            if (position.after() != null) {
                at.put("k", position.after().orderKey()).put("a", position.after().openExceptionAt());
            }
        });
        return ENCODER.encodeToString(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<BusinessExceptionType, Position> decode(String cursor, ExceptionFilter filter) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(DECODER.decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw invalidCursor();
        }
        if (root == null || !filter.fingerprint().equals(root.path("f").asText(null)) || !root.path("p").isObject()) {
            throw invalidCursor();
        }
        Map<BusinessExceptionType, Position> positions = new EnumMap<>(BusinessExceptionType.class);
        for (Map.Entry<String, JsonNode> entry : root.path("p").properties()) {
            BusinessExceptionType type = BusinessExceptionType.fromText(entry.getKey()).orElseThrow(
                    ExceptionQuery::invalidCursor);
            JsonNode at = entry.getValue();
            positions.put(type, new Position(at.hasNonNull("k") && at.hasNonNull("a")
                    ? new OpenExceptionCursor(at.get("k").asText(), at.get("a").asText()) : null));
        }
        return positions;
    }

    private static InvalidExceptionFilter invalidCursor() {
        return new InvalidExceptionFilter("cursor",
                "cursor is not one this listing returned for the same type, channel and olderThan");
    }
}
