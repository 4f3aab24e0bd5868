package dev.commercesync.runlocal.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.LocalStack;
import dev.commercesync.runlocal.esm.MappingStats;
import dev.commercesync.runlocal.esm.SqsEventSourceMapping;
import dev.commercesync.runlocal.http.HttpRoute;
import dev.commercesync.runlocal.lambda.LocalFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Reads the running local stack the way an operator reads AWS: queue attributes from SQS, orders from the
 * order-state table, listing targets from the inventory table, and what each channel shows from the sandbox
 * marketplaces. Which queues, tables and functions exist, and how they connect, comes from the template.
 */
final class StatusReader {

    private static final String LISTING_RECORD = "LISTING#";

    private final LocalStack stack;
    private final SpanSource spans;
    private final Clock clock;
    private final ObjectMapper json = CommerceJson.newMapper();
    /** Worked out on first use, not when the stack starts: a page that cannot draw must not stop the stack. */
    private volatile PipelineChart chart;

    StatusReader(LocalStack stack, SpanSource spans, Clock clock) {
        this.stack = stack;
        this.spans = spans;
        this.clock = clock;
    }

    StatusReport read(Optional<String> orderKey) {
        Instant now = clock.instant();
        Optional<String> orderTable = tableOf("ORDER_STATE_TABLE");
        List<OrderRow> orders = orderTable.map(this::orders).orElse(List.of());
        TraceView trace = orderKey.map(key -> TraceView.of(key,
                orders.stream().filter(o -> key.equals(o.orderKey())).findFirst(), spans)).orElse(null);
        return new StatusReport(now.toString(), chart(), queues(), functions(), OrderFigures.of(orders), drift(now),
                trace);
    }

    private PipelineChart chart() {
        PipelineChart drawn = chart;
        if (drawn == null) {
            // The stack's wiring does not change while it runs; two threads drawing it at once draw the same.
            drawn = PipelineChart.of(wiring());
            chart = drawn;
        }
        return drawn;
    }

    // ------------------------------------------------------------------------------------------------------ queues

    private Map<String, StatusReport.QueueFigures> queues() {
        ProvisionedStack provisioned = stack.stack();
        Map<String, long[]> attributes = new LinkedHashMap<>();
        for (SamTemplate.Queue queue : provisioned.template().queues()) {
            if (provisioned.queues().containsKey(queue.logicalId())) {
                attributes.put(queue.logicalId(), attributes(provisioned.queueUrl(queue.logicalId())));
            }
        }
        Map<String, StatusReport.QueueFigures> figures = new LinkedHashMap<>();
        for (SamTemplate.Queue queue : provisioned.template().queues()) {
            long[] a = attributes.get(queue.logicalId());
            if (a == null) {
                continue;
            }
            String dlq = queue.redrive().map(SamTemplate.Redrive::deadLetterQueueLogicalId)
                    .filter(attributes::containsKey).orElse(null);
            Long deadLetters = dlq == null ? null : attributes.get(dlq)[0] + attributes.get(dlq)[1];
            figures.put(queue.logicalId(), new StatusReport.QueueFigures(
                    provisioned.queues().get(queue.logicalId()).name(), a[0], a[1], a[2], dlq, deadLetters));
        }
        return figures;
    }

    private long[] attributes(String url) {
        Map<QueueAttributeName, String> a = stack.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return new long[] {count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)};
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    // --------------------------------------------------------------------------------------------------- functions

    private Map<String, StatusReport.FunctionFigures> functions() {
        Map<String, StatusReport.FunctionFigures> figures = new LinkedHashMap<>();
        for (Map.Entry<String, LocalFunction> function : stack.functions().entrySet()) {
            int sources = 0;
            long inFlight = 0;
            long batches = 0;
            long failed = 0;
            for (SqsEventSourceMapping mapping : stack.mappings()) {
                if (mapping.definition().functionLogicalId().equals(function.getKey())) {
                    sources++;
                    MappingStats stats = mapping.stats();
                    inFlight += stats.inFlight();
                    batches += stats.batches();
                    failed += stats.failedBatches();
                }
            }
            figures.put(function.getKey(), new StatusReport.FunctionFigures(
                    function.getValue().instances().size(), sources, inFlight, batches, failed));
        }
        return figures;
    }

    // ------------------------------------------------------------------------------------------------------ orders

    /** Only the attributes the page shows: the order and raw payload hold buyer data and stay in the table. */
    private List<OrderRow> orders(String table) {
        List<OrderRow> rows = new ArrayList<>();
        scan(ScanRequest.builder().tableName(table).projectionExpression("#k, #s, #c, #t, #e")
                .expressionAttributeNames(Map.of("#k", "orderKey", "#s", "status", "#c", "correlationId",
                        "#t", "timeline", "#e", "exceptions")), item -> rows.add(orderRow(item)));
        return rows;
    }

    private static OrderRow orderRow(Map<String, AttributeValue> item) {
        List<OrderRow.Step> timeline = new ArrayList<>();
        for (Map<String, AttributeValue> entry : maps(item.get("timeline"))) {
            timeline.add(new OrderRow.Step(instant(text(entry, "at")), text(entry, "step"),
                    text(entry, "correlationId"), text(entry, "traceId"), text(entry, "detail")));
        }
        List<OrderRow.Problem> exceptions = new ArrayList<>();
        for (Map<String, AttributeValue> entry : maps(item.get("exceptions"))) {
            exceptions.add(new OrderRow.Problem(instant(text(entry, "at")), text(entry, "type"),
                    text(entry, "reason")));
        }
        return new OrderRow(text(item, "orderKey"), text(item, "status"), text(item, "correlationId"), timeline,
                exceptions);
    }

    // ------------------------------------------------------------------------------------------------------- drift

    private DriftCheck drift(Instant now) {
        Optional<String> table = tableOf("INVENTORY_TABLE");
        List<DriftCheck.ListingTarget> listings = new ArrayList<>();
        Map<String, ChannelListing> channelListings = new LinkedHashMap<>();
        table.ifPresent(name -> scan(ScanRequest.builder().tableName(name)
                .filterExpression("begins_with(#r, :listing)")
                .expressionAttributeNames(Map.of("#r", "record"))
                .expressionAttributeValues(Map.of(":listing", AttributeValue.fromS(LISTING_RECORD))), item -> {
                    ChannelListing listing = listing(text(item, "listing"));
                    String sku = text(item, "sku");
                    String key = text(item, "record").substring(LISTING_RECORD.length());
                    Long target = number(item, "targetQuantity");
                    Long shown = number(item, "shownQuantity");
                    long targetRevision = Optional.ofNullable(number(item, "targetRevision")).orElse(0L);
                    long shownRevision = Optional.ofNullable(number(item, "shownRevision")).orElse(0L);
                    boolean settled = target != null && shownRevision >= targetRevision && target.equals(shown);
                    if (listing != null) {
                        channelListings.put(sku + "|" + key, listing);
                    }
                    listings.add(new DriftCheck.ListingTarget(sku, key, listing == null ? null
                            : listing.channel().id(), listing == null ? null : listing.account(), target, settled));
                }));
        return DriftCheck.of(listings, target -> shownOnChannel(target.sku(),
                channelListings.get(target.sku() + "|" + target.listingKey())), now);
    }

    private OptionalLong shownOnChannel(String sku, ChannelListing listing) {
        if (listing == null) {
            return OptionalLong.empty();
        }
        return stack.marketplaces().quantity(listing.channel(), listing.channelSku(sku), listing.account(),
                listing.channel() == SalesChannel.SHOPIFY ? listing.locationId() : null);
    }

    private ChannelListing listing(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, ChannelListing.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------------ wiring

    /** Who sends where (send permissions), who consumes what (event sources), whom each function calls. */
    private PipelineChart.Wiring wiring() {
        ProvisionedStack provisioned = stack.stack();
        SamTemplate template = provisioned.template();
        List<String> apiFunctions = stack.api().api().routes().stream().map(HttpRoute::functionLogicalId)
                .distinct().toList();
        Map<String, List<String>> sends = new LinkedHashMap<>();
        Map<String, List<String>> externals = new LinkedHashMap<>();
        List<String> functions = template.functions().stream().map(SamTemplate.Function::logicalId).toList();
        for (String function : functions) {
            List<String> queues = new ArrayList<>();
            sentQueues(template.mergedFunctionProperties(function).get("Policies"), queues);
            sends.put(function, queues.stream().filter(provisioned.queues()::containsKey).distinct().toList());
            externals.put(function, externalsOf(template, template.function(function)));
        }
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        for (SqsEventSourceMapping mapping : stack.mappings()) {
            consumers.computeIfAbsent(mapping.definition().queueLogicalId(), q -> new ArrayList<>())
                    .add(mapping.definition().functionLogicalId());
        }
        Map<String, String> deadLetterQueueOf = new LinkedHashMap<>();
        List<String> queues = new ArrayList<>();
        for (SamTemplate.Queue queue : template.queues()) {
            if (provisioned.queues().containsKey(queue.logicalId())) {
                queues.add(queue.logicalId());
                queue.redrive().ifPresent(r -> deadLetterQueueOf.put(queue.logicalId(), r.deadLetterQueueLogicalId()));
            }
        }
        return new PipelineChart.Wiring(stack.api().api().logicalId(), apiFunctions, sends, consumers, externals,
                queues, deadLetterQueueOf, functions);
    }

    /** Queues named by {@code SQSSendMessagePolicy} or by a statement allowing {@code sqs:SendMessage}. */
    private static void sentQueues(Object policies, List<String> into) {
        if (!(policies instanceof List<?> list)) {
            return;
        }
        for (Object policy : list) {
            if (!(policy instanceof Map<?, ?> p)) {
                continue;
            }
            if (p.get("SQSSendMessagePolicy") instanceof Map<?, ?> send) {
                referencedId(send.get("QueueName")).ifPresent(into::add);
            }
            if (p.get("Statement") instanceof List<?> statements) {
                for (Object statement : statements) {
                    if (statement instanceof Map<?, ?> s && "Allow".equals(s.get("Effect"))
                            && String.valueOf(s.get("Action")).contains("sqs:SendMessage")) {
                        Object resources = s.get("Resource");
                        for (Object resource : resources instanceof List<?> r ? r : List.of(resources)) {
                            referencedId(resource).ifPresent(into::add);
                        }
                    }
                }
            }
        }
    }

    /**
     * The outside systems a function calls: each environment variable set from a {@code ...Url} or
     * {@code ...Endpoint} parameter, named by the variable's first word ({@code ERP_BASE_URL}: ERP,
     * {@code SHOPIFY_GRAPHQL_ENDPOINT}: shopify).
     */
    private static List<String> externalsOf(SamTemplate template, SamTemplate.Function function) {
        List<String> names = new ArrayList<>();
        function.environment().forEach((variable, raw) -> {
            if (raw instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String parameter
                    && template.parameters().containsKey(parameter)
                    && (parameter.endsWith("Url") || parameter.endsWith("Endpoint"))) {
                String word = variable.split("_")[0];
                names.add(SalesChannel.fromId(word).map(SalesChannel::id).orElse(word.toUpperCase(Locale.ROOT)));
            }
        });
        return names.stream().distinct().toList();
    }

    private static Optional<String> referencedId(Object raw) {
        if (raw instanceof Map<?, ?> map && map.size() == 1) {
            if (map.get("Ref") instanceof String id) {
                return Optional.of(id);
            }
            if (map.get("Fn::GetAtt") instanceof List<?> parts && !parts.isEmpty()) {
                return Optional.of(String.valueOf(parts.get(0)));
            }
        }
        return Optional.empty();
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    /** The table a function is told to use through this variable: the template decides, the code's contract names. */
    private Optional<String> tableOf(String variable) {
        for (SamTemplate.Function function : stack.stack().template().functions()) {
            String table = stack.stack().environmentOf(function.logicalId()).get(variable);
            if (table != null && !table.isBlank()) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    private void scan(ScanRequest.Builder request, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = stack.dynamoDb().scan(request.build());
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private static List<Map<String, AttributeValue>> maps(AttributeValue list) {
        if (list == null || !list.hasL()) {
            return List.of();
        }
        return list.l().stream().filter(AttributeValue::hasM).map(AttributeValue::m).toList();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null || value.s().isEmpty() ? null : value.s();
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.parseLong(value.n());
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
