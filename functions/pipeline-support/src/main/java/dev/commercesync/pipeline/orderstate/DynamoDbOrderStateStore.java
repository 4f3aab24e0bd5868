package dev.commercesync.pipeline.orderstate;

import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.PARTITION_KEY;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.STATUS;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.STATUS_INDEX;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.UPDATED_AT;

/** {@link OrderStateStore} on DynamoDB: one item per order, timeline and exceptions as lists inside it. */
@ApplicationScoped
public class DynamoDbOrderStateStore implements OrderStateStore {

    /** Fixed width, so that the GSI's text sort key sorts by time. */
    static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final PipelineConfig config;
    private final Clock clock;

    @Inject
    public DynamoDbOrderStateStore(DynamoDbClient dynamo, PipelineConfig config) {
        this(dynamo, config, Clock.systemUTC());
    }

    DynamoDbOrderStateStore(DynamoDbClient dynamo, PipelineConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Optional<OrderRecord> find(ChannelOrderKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table()).key(keyOf(key)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
    }

    @Override
    public AcceptOutcome accept(ChannelOrderKey key, Instant sourceUpdatedAt, String eventKey, String correlationId,
                                String orderJson, List<TimelineEntry> entries) {
        Update update = new Update(key, entries)
                .set("#status", STATUS, s(ProcessingState.PENDING_ERP.name()))
                .set("sourceUpdatedAt", "sourceUpdatedAt", s(SORTABLE_INSTANT.format(sourceUpdatedAt)))
                .set("sourceUpdatedAtMs", "sourceUpdatedAtMs", n(sourceUpdatedAt.toEpochMilli()))
                .set("acceptedEventKey", "acceptedEventKey", s(eventKey))
                .set("correlationId", "correlationId", s(correlationId))
                .set("#order", "order", s(orderJson));
        update.values.put(":v", n(sourceUpdatedAt.toEpochMilli()));
        update.names.put("#srcMs", "sourceUpdatedAtMs");
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(update.request(
                    "attribute_not_exists(#pk) OR attribute_not_exists(#srcMs) OR #srcMs < :v")
                    .toBuilder().returnValues("UPDATED_NEW").build()).attributes();
            return new AcceptOutcome.Accepted(Long.parseLong(after.get("version").n()));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> stored = e.hasItem() ? e.item() : Map.of();
            long storedVersion = stored.containsKey("version") ? Long.parseLong(stored.get("version").n()) : 0;
            if (eventKey.equals(text(stored, "acceptedEventKey"))) {
                return new AcceptOutcome.AlreadyAccepted(storedVersion);
            }
            return new AcceptOutcome.Stale(instant(text(stored, "sourceUpdatedAt")));
        }
    }

    @Override
    public void recordMappingFailure(ChannelOrderKey key, String reason, String rawPayload, String correlationId,
                                     List<TimelineEntry> entries) {
        Instant now = clock.instant();
        OrderException exception = new OrderException(now, ProcessingState.MAPPING_FAILED.name(), reason, correlationId);
        Update update = new Update(key, entries)
                .set("#status", STATUS, s(ProcessingState.MAPPING_FAILED.name()))
                .set("rawPayload", "rawPayload", s(rawPayload))
                .set("correlationId", "correlationId", s(correlationId))
                .appendException(exception);
        update.names.put("#srcMs", "sourceUpdatedAtMs");
        try {
            dynamo.updateItem(update.request("attribute_not_exists(#srcMs)"));
        } catch (ConditionalCheckFailedException e) {
            // An accepted version exists: the ERP side keeps going; the failure is recorded beside it.
            recordException(key, exception, entries);
        }
    }

    @Override
    public void recordException(ChannelOrderKey key, OrderException exception, List<TimelineEntry> entries) {
        dynamo.updateItem(new Update(key, entries, false).appendException(exception).request(null));
    }

    @Override
    public void appendTimeline(ChannelOrderKey key, List<TimelineEntry> entries) {
        dynamo.updateItem(new Update(key, entries, false).request(null));
    }

    @Override
    public boolean recordErpOutcome(ChannelOrderKey key, long expectedVersion, ProcessingState newStatus,
                                    String erpDocumentId, Instant postedVersion, OrderException exception,
                                    List<TimelineEntry> entries) {
        Update update = new Update(key, entries).set("#status", STATUS, s(newStatus.name()));
        if (erpDocumentId != null) {
            update.set("erpDocumentId", "erpDocumentId", s(erpDocumentId));
        }
        if (postedVersion != null && newStatus == ProcessingState.POSTED) {
            update.set("postedSourceUpdatedAt", "postedSourceUpdatedAt", s(SORTABLE_INSTANT.format(postedVersion)));
        }
        if (exception != null) {
            update.appendException(exception);
        }
        update.values.put(":expected", n(expectedVersion));
        try {
            dynamo.updateItem(update.request("#version = :expected"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<OrderRecord> findByStatusUpdatedBefore(ProcessingState status, Instant updatedBefore, int limit) {
        QueryResponse response = dynamo.query(b -> b.tableName(table())
                .indexName(STATUS_INDEX)
                .keyConditionExpression("#s = :s AND #u < :u")
                .expressionAttributeNames(Map.of("#s", STATUS, "#u", UPDATED_AT))
                .expressionAttributeValues(Map.of(":s", s(status.name()), ":u", s(SORTABLE_INSTANT.format(updatedBefore))))
                .scanIndexForward(true)
                .limit(limit));
        return response.items().stream().map(DynamoDbOrderStateStore::toRecord).toList();
    }

    private String table() {
        return PipelineConfig.require(config.tables().orderState(), "ORDER_STATE_TABLE");
    }

    private static Map<String, AttributeValue> keyOf(ChannelOrderKey key) {
        return Map.of(PARTITION_KEY, s(key.value()));
    }

    /**
     * One UpdateItem: the given SETs plus what every write does — keep the channel and createdAt, append the timeline
     * entries — and, for writes that change the order's state, bump the version and stamp updatedAt. Notes (a
     * duplicate suppressed, a conflict) leave the version alone: otherwise a duplicate arriving while post-to-erp
     * talks to the ERP would make its optimistic write fail, and a posted order would stay PENDING_ERP.
     */
    private final class Update {
        private final ChannelOrderKey key;
        private final List<String> sets = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        Update(ChannelOrderKey key, List<TimelineEntry> entries) {
            this(key, entries, true);
        }

        Update(ChannelOrderKey key, List<TimelineEntry> entries, boolean changesState) {
            this.key = key;
            String now = SORTABLE_INSTANT.format(clock.instant());
            names.put("#pk", PARTITION_KEY);
            names.put("#timeline", "timeline");
            values.put(":now", s(now));
            if (changesState) {
                names.put("#version", "version");
                names.put("#updatedAt", UPDATED_AT);
                values.put(":one", n(1));
                values.put(":zero", n(0));
                sets.add("#version = if_not_exists(#version, :zero) + :one");
                // The status GSI's sort key: when the order last changed state, so a stuck order stays findable.
                sets.add("#updatedAt = :now");
            }
            values.put(":empty", AttributeValue.fromL(List.of()));
            values.put(":entries", AttributeValue.fromL(entries.stream().map(DynamoDbOrderStateStore::timelineItem).toList()));
            values.put(":channel", s(key.channel().id()));
            sets.add("createdAt = if_not_exists(createdAt, :now)");
            sets.add("channel = :channel");
            sets.add("#timeline = list_append(if_not_exists(#timeline, :empty), :entries)");
        }

        Update set(String placeholder, String attribute, AttributeValue value) {
            String valueName = ":" + attribute;
            if (placeholder.startsWith("#")) {
                names.put(placeholder, attribute);
            }
            values.put(valueName, value);
            sets.add(placeholder + " = " + valueName);
            return this;
        }

        Update appendException(OrderException exception) {
            names.put("#exceptions", "exceptions");
            values.put(":exception", AttributeValue.fromL(List.of(exceptionItem(exception))));
            sets.add("#exceptions = list_append(if_not_exists(#exceptions, :empty), :exception)");
            return this;
        }

        UpdateItemRequest request(String condition) {
            if (condition == null || !condition.contains("#pk")) {
                names.remove("#pk"); // DynamoDB rejects names the expressions do not use
            }
            UpdateItemRequest.Builder builder = UpdateItemRequest.builder()
                    .tableName(table())
                    .key(keyOf(key))
                    .updateExpression("SET " + String.join(", ", sets))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
            if (condition != null) {
                builder.conditionExpression(condition);
            }
            return builder.build();
        }
    }

    private static Map<String, AttributeValue> timelineEntryMap(TimelineEntry entry) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("at", s(entry.at().toString()));
        map.put("step", s(entry.step()));
        putIfPresent(map, "correlationId", entry.correlationId());
        putIfPresent(map, "traceId", entry.traceId());
        putIfPresent(map, "detail", entry.detail());
        return map;
    }

    private static AttributeValue timelineItem(TimelineEntry entry) {
        return AttributeValue.fromM(timelineEntryMap(entry));
    }

    private static AttributeValue exceptionItem(OrderException exception) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("at", s(exception.at().toString()));
        map.put("type", s(exception.type()));
        putIfPresent(map, "reason", exception.reason());
        putIfPresent(map, "correlationId", exception.correlationId());
        return AttributeValue.fromM(map);
    }

    private static OrderRecord toRecord(Map<String, AttributeValue> item) {
        List<TimelineEntry> timeline = list(item, "timeline").stream()
                .map(v -> v.m())
                .map(m -> new TimelineEntry(instant(text(m, "at")), text(m, "step"), text(m, "correlationId"),
                        text(m, "traceId"), text(m, "detail")))
                .toList();
        List<OrderException> exceptions = list(item, "exceptions").stream()
                .map(v -> v.m())
                .map(m -> new OrderException(instant(text(m, "at")), text(m, "type"), text(m, "reason"),
                        text(m, "correlationId")))
                .toList();
        String status = text(item, STATUS);
        return new OrderRecord(
                text(item, PARTITION_KEY),
                status == null ? null : ProcessingState.valueOf(status),
                item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0,
                instant(text(item, "sourceUpdatedAt")),
                text(item, "acceptedEventKey"),
                instant(text(item, "postedSourceUpdatedAt")),
                text(item, "correlationId"),
                text(item, "erpDocumentId"),
                text(item, "order"),
                text(item, "rawPayload"),
                timeline,
                exceptions,
                instant(text(item, UPDATED_AT)));
    }

    private static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l();
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String name, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(name, s(value));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value == null ? "" : value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null || value.s().isEmpty() ? null : value.s();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
