package dev.commercesync.pipeline.orderstate;

import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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
import java.util.OptionalInt;
import java.util.function.Supplier;

import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.OPEN_EXCEPTION_AT;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.OPEN_EXCEPTION_INDEX;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.OPEN_EXCEPTION_TYPE;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.PARTITION_KEY;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.STATUS;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.STATUS_INDEX;
import static dev.commercesync.pipeline.orderstate.OrderStateTableSchema.UPDATED_AT;

/**
 * {@link OrderStateStore} on DynamoDB: one item per order, timeline and exceptions as lists inside it. An order with an
 * open exception also carries the keys of the sparse open-exception GSI, describing its oldest open one; every write
 * that opens or settles an exception keeps them in step.
 */
@ApplicationScoped
public class DynamoDbOrderStateStore implements OrderStateStore {

    /** Fixed width, so that the GSI's text sort key sorts by time. */
    static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Attempts of a posting's write that also settles exceptions, when new exceptions keep arriving meanwhile. */
    private static final int SETTLE_ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final Supplier<String> table;
    private final Clock clock;

    @Inject
    public DynamoDbOrderStateStore(DynamoDbClient dynamo, PipelineConfig config) {
        this(dynamo, config, Clock.systemUTC());
    }

    /** For callers without CDI (the operator CLI): the table named outright. */
    public DynamoDbOrderStateStore(DynamoDbClient dynamo, String orderStateTable) {
        this(dynamo, orderStateTable, Clock.systemUTC());
    }

    /** As {@link #DynamoDbOrderStateStore(DynamoDbClient, String)}, on {@code clock} (tests that set the time). */
    public DynamoDbOrderStateStore(DynamoDbClient dynamo, String orderStateTable, Clock clock) {
        this(dynamo, () -> orderStateTable, clock);
    }

    DynamoDbOrderStateStore(DynamoDbClient dynamo, PipelineConfig config, Clock clock) {
        // Resolved per call: a function that never touches the table needs no ORDER_STATE_TABLE.
        this(dynamo, () -> PipelineConfig.require(config.tables().orderState(), "ORDER_STATE_TABLE"), clock);
    }

    DynamoDbOrderStateStore(DynamoDbClient dynamo, Supplier<String> table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
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
                .set("acceptedAt", "acceptedAt", s(SORTABLE_INSTANT.format(clock.instant())))
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
    public void recordMappingFailure(ChannelOrderKey key, String reason, RawOrderReceived raw, String correlationId,
                                     List<TimelineEntry> entries) {
        Instant now = clock.instant();
        OrderException exception = new OrderException(now, BusinessExceptionType.MAPPING_FAILED.name(), reason,
                correlationId);
        Update update = new Update(key, entries)
                .set("#status", STATUS, s(ProcessingState.MAPPING_FAILED.name()))
                .set("correlationId", "correlationId", s(correlationId))
                .keepRawPayload(raw, now)
                .appendException(exception);
        update.names.put("#srcMs", "sourceUpdatedAtMs");
        try {
            dynamo.updateItem(update.request("attribute_not_exists(#srcMs)"));
        } catch (ConditionalCheckFailedException e) {
            // An accepted version exists: the ERP side keeps going; the failure is recorded beside it, with the payload
            // (replacing an earlier failure's) so that this one can be retried too.
            Update beside = new Update(key, entries, false).keepRawPayload(raw, now).appendException(exception);
            try {
                dynamo.updateItem(beside.request(null));
            } catch (DynamoDbException tooLarge) {
                if (!isItemTooLarge(tooLarge)) {
                    throw tooLarge;
                }
                // The accepted order and this payload together exceed DynamoDB's 400 KB item: record the failure
                // without its payload; a retry then says it was not kept.
                recordException(key, exception, entries);
            }
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
        if (newStatus != ProcessingState.POSTED) {
            Update update = erpOutcome(key, newStatus, erpDocumentId, postedVersion, exception, entries);
            update.values.put(":expected", n(expectedVersion));
            try {
                dynamo.updateItem(update.request("#version = :expected"));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
        // A posting settles exceptions it makes moot. The first attempt assumes there are none (the usual case: one
        // write, no read); a refusal returns the stored item, from which the next attempt knows which to settle.
        OrderRecord known = null;
        for (int attempt = 1; ; attempt++) {
            Update update = erpOutcome(key, newStatus, erpDocumentId, postedVersion, exception, entries);
            update.values.put(":expected", n(expectedVersion));
            List<OrderException> seen = known == null ? List.of() : known.exceptions();
            if (attempt <= SETTLE_ATTEMPTS) {
                List<OrderException> after = new ArrayList<>(seen);
                String detail = "settled by the posting" + (erpDocumentId == null ? "" : " (ERP document "
                        + erpDocumentId + ")");
                for (int i : OpenExceptions.settledByPosting(seen, known == null ? null : known.acceptedAt())) {
                    after.set(i, seen.get(i).resolved(clock.instant(), detail));
                    update.setExceptionState(i, after.get(i));
                }
                update.indexOpenExceptions(after);
            }
            String condition = attempt <= SETTLE_ATTEMPTS
                    ? "#version = :expected AND " + update.exceptionCountIs(seen.size())
                    // Exceptions keep arriving: record the posting, which matters more than settling them.
                    : "#version = :expected";
            try {
                dynamo.updateItem(update.request(condition));
                return true;
            } catch (ConditionalCheckFailedException e) {
                if (!e.hasItem() || e.item().isEmpty() || version(e.item()) != expectedVersion) {
                    return false;
                }
                known = toRecord(e.item());
            }
        }
    }

    private Update erpOutcome(ChannelOrderKey key, ProcessingState newStatus, String erpDocumentId,
                              Instant postedVersion, OrderException exception, List<TimelineEntry> entries) {
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
        return update;
    }

    @Override
    public boolean recordRetry(OrderRecord seen, ExceptionId id, ProcessingState newStatus, String actor,
                               String reason, Instant at, List<TimelineEntry> entries) {
        int index = id.sequence() - 1;
        OrderException before = seen.exception(id)
                .orElseThrow(() -> new IllegalArgumentException(id + " is not an exception of " + seen.orderKey()));
        List<OrderException> after = new ArrayList<>(seen.exceptions());
        after.set(index, before.retried(at, actor, reason));
        Update update = new Update(id.order(), entries, newStatus != null);
        if (newStatus != null) {
            update.set("#status", STATUS, s(newStatus.name()));
        }
        update.setExceptionState(index, after.get(index)).indexOpenExceptions(after);
        // Same version and exceptions as seen, and this exception untouched since: two operators retrying at once
        // cannot both win.
        String stateGuard;
        if (before.isOpen()) {
            update.values.put(":open", s(ExceptionState.OPEN.name()));
            stateGuard = "(attribute_not_exists(#exceptions[" + index + "].#xState) OR #exceptions[" + index
                    + "].#xState = :open)";
        } else {
            update.values.put(":seenRetriedAt", s(String.valueOf(before.retriedAt())));
            stateGuard = "#exceptions[" + index + "].#xRetriedAt = :seenRetriedAt";
        }
        update.names.put("#version", "version");
        String versionGuard;
        if (seen.version() == 0) {
            versionGuard = "attribute_not_exists(#version)";
        } else {
            update.values.put(":expected", n(seen.version()));
            versionGuard = "#version = :expected";
        }
        try {
            dynamo.updateItem(update.request(versionGuard + " AND " + update.exceptionCountIs(seen.exceptions().size())
                    + " AND " + stateGuard));
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

    @Override
    public OpenExceptionPage findOpenExceptions(BusinessExceptionType type, Instant raisedBefore, String channel,
                                                int limit, OpenExceptionCursor after) {
        Map<String, String> names = new HashMap<>(Map.of("#t", OPEN_EXCEPTION_TYPE, "#a", OPEN_EXCEPTION_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", s(type.name())));
        String keyCondition = "#t = :t";
        if (raisedBefore != null) {
            keyCondition += " AND #a < :before";
            values.put(":before", s(SORTABLE_INSTANT.format(raisedBefore)));
        } else {
            names.remove("#a"); // DynamoDB rejects names the expressions do not use
        }
        String filter = null;
        if (channel != null) {
            filter = "#c = :c";
            names.put("#c", "channel");
            values.put(":c", s(channel));
        }
        List<OpenExceptionPage.Entry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null : Map.of(
                PARTITION_KEY, s(after.orderKey()),
                OPEN_EXCEPTION_TYPE, s(type.name()),
                OPEN_EXCEPTION_AT, s(after.openExceptionAt()));
        String keys = keyCondition;
        String filterExpression = filter;
        while (true) {
            Map<String, AttributeValue> exclusiveStart = start;
            int wanted = limit - entries.size();
            QueryResponse response = dynamo.query(b -> b.tableName(table())
                    .indexName(OPEN_EXCEPTION_INDEX)
                    .keyConditionExpression(keys)
                    .filterExpression(filterExpression)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(exclusiveStart)
                    .scanIndexForward(true)
                    .limit(wanted));
            for (Map<String, AttributeValue> item : response.items()) {
                entries.add(new OpenExceptionPage.Entry(toRecord(item),
                        new OpenExceptionCursor(text(item, PARTITION_KEY), text(item, OPEN_EXCEPTION_AT))));
            }
            boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            if (!more) {
                return new OpenExceptionPage(entries, Optional.empty());
            }
            if (entries.size() >= limit) {
                return new OpenExceptionPage(entries, Optional.of(entries.get(entries.size() - 1).position()));
            }
            // The filter dropped some of what the page read: read on.
            start = response.lastEvaluatedKey();
        }
    }

    private String table() {
        return table.get();
    }

    private static boolean isItemTooLarge(DynamoDbException e) {
        return e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())
                && e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("size");
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
        private final List<String> removes = new ArrayList<>();
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

        /**
         * Appends an open exception. It is the order's newest, so the open-exception index keeps describing an older
         * open one where there is one, else now describes this one.
         */
        Update appendException(OrderException exception) {
            names.put("#exceptions", "exceptions");
            values.put(":exception", AttributeValue.fromL(List.of(exceptionItem(exception))));
            sets.add("#exceptions = list_append(if_not_exists(#exceptions, :empty), :exception)");
            if (exception.isOpen()) {
                names.put("#oxType", OPEN_EXCEPTION_TYPE);
                names.put("#oxAt", OPEN_EXCEPTION_AT);
                values.put(":oxType", s(exception.type()));
                values.put(":oxAt", s(SORTABLE_INSTANT.format(exception.at())));
                sets.add("#oxType = if_not_exists(#oxType, :oxType)");
                sets.add("#oxAt = if_not_exists(#oxAt, :oxAt)");
            }
            return this;
        }

        /** Writes the state, retry and resolution fields of the exception at {@code index} (0-based). */
        Update setExceptionState(int index, OrderException exception) {
            names.put("#exceptions", "exceptions");
            String path = "#exceptions[" + index + "]";
            setExceptionField(path, index, "#xState", "state", exception.state().name());
            setExceptionField(path, index, "#xRetriedAt", "retriedAt", text(exception.retriedAt()));
            setExceptionField(path, index, "#xRetriedBy", "retriedBy", exception.retriedBy());
            setExceptionField(path, index, "#xRetryReason", "retryReason", exception.retryReason());
            setExceptionField(path, index, "#xResolvedAt", "resolvedAt", text(exception.resolvedAt()));
            setExceptionField(path, index, "#xResolution", "resolution", exception.resolution());
            return this;
        }

        private void setExceptionField(String path, int index, String name, String attribute, String value) {
            if (value == null) {
                return;
            }
            names.put(name, attribute);
            String placeholder = ":" + name.substring(1) + index;
            values.put(placeholder, s(value));
            sets.add(path + "." + name + " = " + placeholder);
        }

        /** Points the open-exception index at the oldest open one of {@code exceptions}, else takes the order out. */
        Update indexOpenExceptions(List<OrderException> exceptions) {
            names.put("#oxType", OPEN_EXCEPTION_TYPE);
            names.put("#oxAt", OPEN_EXCEPTION_AT);
            OptionalInt oldest = OpenExceptions.oldestOpen(exceptions);
            if (oldest.isPresent()) {
                OrderException open = exceptions.get(oldest.getAsInt());
                values.put(":oxType", s(open.type()));
                values.put(":oxAt", s(SORTABLE_INSTANT.format(open.at())));
                sets.add("#oxType = :oxType");
                sets.add("#oxAt = :oxAt");
            } else {
                removes.add("#oxType");
                removes.add("#oxAt");
            }
            return this;
        }

        /** A condition that the order has exactly {@code count} exceptions. */
        String exceptionCountIs(int count) {
            names.put("#exceptions", "exceptions");
            if (count == 0) {
                return "attribute_not_exists(#exceptions)";
            }
            values.put(":exceptionCount", n(count));
            return "size(#exceptions) = :exceptionCount";
        }

        /** Keeps the raw payload of a mapping failure recorded at {@code failedAt}, and where it came from. */
        Update keepRawPayload(RawOrderReceived raw, Instant failedAt) {
            Map<String, AttributeValue> origin = new HashMap<>();
            origin.put("exceptionAt", s(failedAt.toString()));
            putIfPresent(origin, "receivedAt", raw.receivedAt() == null ? null : raw.receivedAt().toString());
            putIfPresent(origin, "channelEventId", raw.channelEventId());
            putIfPresent(origin, "channelEventType", raw.channelEventType());
            putIfPresent(origin, "storefrontId", raw.storefrontId());
            set("rawPayload", "rawPayload", s(raw.body()));
            set("rawOrigin", "rawOrigin", AttributeValue.fromM(origin));
            return this;
        }

        UpdateItemRequest request(String condition) {
            if (condition == null || !condition.contains("#pk")) {
                names.remove("#pk"); // DynamoDB rejects names the expressions do not use
            }
            UpdateItemRequest.Builder builder = UpdateItemRequest.builder()
                    .tableName(table())
                    .key(keyOf(key))
                    .updateExpression("SET " + String.join(", ", sets)
                            + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes)))
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
        map.put("state", s(exception.state().name()));
        putIfPresent(map, "retriedAt", text(exception.retriedAt()));
        putIfPresent(map, "retriedBy", exception.retriedBy());
        putIfPresent(map, "retryReason", exception.retryReason());
        putIfPresent(map, "resolvedAt", text(exception.resolvedAt()));
        putIfPresent(map, "resolution", exception.resolution());
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
                        text(m, "correlationId"), ExceptionState.ofStored(text(m, "state")),
                        instant(text(m, "retriedAt")), text(m, "retriedBy"), text(m, "retryReason"),
                        instant(text(m, "resolvedAt")), text(m, "resolution")))
                .toList();
        AttributeValue origin = item.get("rawOrigin");
        RawPayloadOrigin rawOrigin = origin == null || !origin.hasM() ? null : new RawPayloadOrigin(
                instant(text(origin.m(), "exceptionAt")), instant(text(origin.m(), "receivedAt")),
                text(origin.m(), "channelEventId"), text(origin.m(), "channelEventType"),
                text(origin.m(), "storefrontId"));
        String status = text(item, STATUS);
        return new OrderRecord(
                text(item, PARTITION_KEY),
                status == null ? null : ProcessingState.valueOf(status),
                version(item),
                instant(text(item, "sourceUpdatedAt")),
                text(item, "acceptedEventKey"),
                instant(text(item, "postedSourceUpdatedAt")),
                text(item, "correlationId"),
                text(item, "erpDocumentId"),
                text(item, "order"),
                text(item, "rawPayload"),
                timeline,
                exceptions,
                instant(text(item, UPDATED_AT)),
                instant(text(item, "acceptedAt")),
                rawOrigin);
    }

    private static long version(Map<String, AttributeValue> item) {
        return item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0;
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

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
