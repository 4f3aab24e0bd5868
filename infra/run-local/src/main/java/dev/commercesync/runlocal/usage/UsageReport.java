package dev.commercesync.runlocal.usage;

import dev.commercesync.runlocal.LocalStack;
import dev.commercesync.runlocal.esm.SqsEventSourceMapping;
import dev.commercesync.runlocal.esm.SqsPollerCalls;
import dev.commercesync.runlocal.http.HttpRoute;
import dev.commercesync.runlocal.lambda.InvocationStats;
import dev.commercesync.runlocal.lambda.LocalFunction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS calls per order and cost per million orders for a run of the local stack: the calls the functions made
 * (counted in each process by pipeline-support's {@code awscalls.AwsCallCounter}) listed apart from what the Lambda
 * service does for them on the same bill (event source pollers' SQS calls, invocations and their duration, HTTP API
 * requests), grouped into the order chain, the inventory side and operations, and priced by {@link CostModel}.
 *
 * @param orders           the orders the figures are divided by (orders that reached the ERP, in the demo)
 * @param functionCalls    per function and {@code Service.Operation}, per order
 * @param serviceCalls     what the Lambda service and API Gateway did, per order
 * @param functions        per function: invocations, billed milliseconds and GB-seconds per order
 * @param orderChainWrites DynamoDB writes per order in the order chain against the target of at most 3
 * @param costPerMillion   group ({@code order chain}, {@code inventory}, {@code operations}, {@code all}) → lines
 * @param leftOut          what was counted but not priced, and why it is left out (name → count in the run)
 */
public record UsageReport(long orders, String region, LocalDate pricesRead, List<CallRow> functionCalls,
                          List<ServiceRow> serviceCalls, List<FunctionRow> functions, Writes orderChainWrites,
                          Map<String, List<CostModel.Line>> costPerMillion, Map<String, Long> leftOut) {

    /** The functions an order passes through, from the HTTP API to the ERP. */
    public static final Set<String> ORDER_CHAIN = Set.of("IngestFunction", "MapFunction", "DedupeFunction",
            "PostToErpFunction");
    /** Stock figures, holds and channel publishes: driven by orders (holds) and by the ERP's stock feed. */
    public static final Set<String> INVENTORY = Set.of("PublishInventoryFunction", "InventoryDriftRepairFunction");
    public static final int WRITES_PER_ORDER_TARGET = 3;
    /** The functions write their counts at most every second: wait a little longer before reading them. */
    static final Duration COUNTS_SETTLE = Duration.ofMillis(1_500);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    public record CallRow(String group, String function, String service, String operation, BigDecimal calls,
                          BigDecimal billedRequests, BigDecimal itemsWritten, BigDecimal itemsRead,
                          BigDecimal capacityUnits, BigDecimal failures) {
    }

    public record ServiceRow(String group, String function, String what, BigDecimal perOrder) {
    }

    public record FunctionRow(String group, String function, int memoryMb, BigDecimal invocations,
                              BigDecimal billedMs, BigDecimal gbSeconds) {
    }

    /**
     * @param writeCalls   DynamoDB write calls (PutItem, UpdateItem, DeleteItem, batch and transaction calls),
     *                     failed conditional writes included: each is a billed write
     * @param writeCallsPerDelivery the same per order delivery ({@code POST /v1/orders/{channel}} request): an
     *                     order updated by the channel is delivered (and written) once per version
     * @param itemsWritten items the successful ones wrote
     * @param writeUnits   write request units
     * @param met          whether {@code writeCallsPerDelivery} is within {@code target}: each version a channel
     *                     delivers is claimed, accepted and posted once, so updates add writes per order
     */
    public record Writes(BigDecimal writeCalls, BigDecimal writeCallsPerDelivery, BigDecimal itemsWritten,
                         BigDecimal writeUnits, int target, boolean met) {
    }

    /** Everything since the stack started, divided by {@code orders}. */
    public static UsageReport collect(LocalStack stack, long orders) {
        return of(snapshot(stack), orders, AwsPrices.published());
    }

    /** What happened since {@code since} (e.g. {@code snapshot(stack)} taken after warm-up), divided by orders. */
    public static UsageReport collect(LocalStack stack, long orders, UsageSnapshot since) {
        return of(snapshot(stack).minus(since), orders, AwsPrices.published());
    }

    /** The counters now. Waits {@link #COUNTS_SETTLE} first, so every function process has written its file. */
    public static UsageSnapshot snapshot(LocalStack stack) {
        try {
            Thread.sleep(COUNTS_SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, InvocationStats> invocations = new TreeMap<>();
        Map<String, Integer> memory = new TreeMap<>();
        Path callCounts = null;
        for (Map.Entry<String, LocalFunction> function : stack.functions().entrySet()) {
            invocations.put(function.getKey(), function.getValue().invocationStats());
            memory.put(function.getKey(), function.getValue().definition().memorySize());
            callCounts = FunctionCallCounts.directory(function.getValue().settings().stateDirectory());
        }
        List<UsageSnapshot.Poller> pollers = new ArrayList<>();
        for (SqsEventSourceMapping mapping : stack.mappings()) {
            pollers.add(new UsageSnapshot.Poller(mapping.definition().functionLogicalId(),
                    mapping.definition().queueLogicalId(), mapping.definition().queueUrl().endsWith(".fifo"),
                    mapping.pollerCalls()));
        }
        Map<String, String> routeFunction = new HashMap<>();
        for (HttpRoute route : stack.api().api().routes()) {
            routeFunction.put(route.routeKey(), route.functionLogicalId());
        }
        List<UsageSnapshot.Route> routes = new ArrayList<>();
        stack.api().requestsByRoute().forEach((routeKey, requests) -> routes.add(new UsageSnapshot.Route(routeKey,
                routeFunction.getOrDefault(routeKey, "?"), requests)));
        Map<String, Map<String, OperationCounts>> sdkCalls = callCounts == null ? Map.of()
                : UsageSnapshot.byFunction(FunctionCallCounts.readAll(callCounts));
        return new UsageSnapshot(sdkCalls, pollers, invocations, memory, routes);
    }

    /** The report for a window of counts: pure arithmetic. */
    public static UsageReport of(UsageSnapshot usage, long orders, AwsPrices prices) {
        if (orders <= 0) {
            throw new IllegalArgumentException("AWS calls per order need at least one order, not " + orders);
        }
        Map<String, BillableUsage> billable = new LinkedHashMap<>();
        for (String group : List.of("order chain", "inventory", "operations")) {
            billable.put(group, BillableUsage.NONE);
        }
        Map<String, Long> leftOut = new TreeMap<>();
        List<CallRow> callRows = new ArrayList<>();
        BigDecimal writeCalls = BigDecimal.ZERO;
        BigDecimal itemsWritten = BigDecimal.ZERO;
        BigDecimal writeUnits = BigDecimal.ZERO;

        for (var function : usage.sdkCalls().entrySet()) {
            for (var operation : function.getValue().entrySet()) {
                String[] parts = operation.getKey().split("\\.", 2);
                String service = parts[0];
                String name = parts.length > 1 ? parts[1] : "?";
                String group = group(function.getKey(), service, name);
                OperationCounts c = operation.getValue();
                if (c.calls() == 0 && c.attempts() == 0) {
                    continue;
                }
                BillableUsage added = BillableUsage.NONE;
                long billed = c.attempts();
                if (service.equals("Sqs")) {
                    billed = c.payloadChunks();
                    added = name.endsWith(".fifo")
                            ? new BillableUsage(0, BigDecimal.ZERO, 0, billed, BigDecimal.ZERO, BigDecimal.ZERO, 0)
                            : new BillableUsage(0, BigDecimal.ZERO, billed, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0);
                } else if (service.equals("DynamoDb") && OperationCounts.isDynamoDbWrite(name)) {
                    added = new BillableUsage(0, BigDecimal.ZERO, 0, 0, c.requestUnits(), BigDecimal.ZERO, 0);
                    if (group.equals("order chain")) {
                        writeCalls = writeCalls.add(BigDecimal.valueOf(c.attempts()));
                        itemsWritten = itemsWritten.add(BigDecimal.valueOf(c.itemsWritten()));
                        writeUnits = writeUnits.add(c.requestUnits());
                    }
                } else if (service.equals("DynamoDb") && OperationCounts.isDynamoDbRead(name)) {
                    added = new BillableUsage(0, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, c.requestUnits(), 0);
                } else {
                    leftOut.merge("unpriced SDK calls (" + operation.getKey() + ")", c.calls(), Long::sum);
                }
                billable.merge(group, added, BillableUsage::plus);
                callRows.add(new CallRow(group, function.getKey(), service, name, per(c.calls(), orders),
                        per(billed, orders), per(c.itemsWritten(), orders), per(c.itemsRead(), orders),
                        per(BigDecimal.valueOf(c.capacityMilli(), 3), orders), per(c.failures(), orders)));
            }
        }

        List<ServiceRow> serviceRows = new ArrayList<>();
        long emptyReceives = 0;
        for (UsageSnapshot.Poller poller : usage.pollers()) {
            String group = group(poller.function());
            SqsPollerCalls calls = poller.calls();
            long requests = calls.receiveChunks() + calls.deleteBatches();
            billable.merge(group, poller.fifo()
                    ? new BillableUsage(0, BigDecimal.ZERO, 0, requests, BigDecimal.ZERO, BigDecimal.ZERO, 0)
                    : new BillableUsage(0, BigDecimal.ZERO, requests, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0),
                    BillableUsage::plus);
            String queue = poller.queue() + (poller.fifo() ? " (FIFO)" : "");
            serviceRows.add(new ServiceRow(group, poller.function(), "SQS ReceiveMessage with messages, " + queue,
                    per(calls.receiveChunks(), orders)));
            serviceRows.add(new ServiceRow(group, poller.function(), "SQS DeleteMessageBatch, " + queue,
                    per(calls.deleteBatches(), orders)));
            emptyReceives += calls.emptyReceives();
        }
        leftOut.put("empty ReceiveMessage of the pollers (idle cost, not per order; see BENCHMARKS.md)", emptyReceives);

        List<FunctionRow> functionRows = new ArrayList<>();
        for (var function : usage.invocations().entrySet()) {
            InvocationStats stats = function.getValue();
            int memoryMb = usage.memoryMb().getOrDefault(function.getKey(), 0);
            BigDecimal gbSeconds = BigDecimal.valueOf(stats.billedMillis()).multiply(BigDecimal.valueOf(memoryMb))
                    .divide(BigDecimal.valueOf(1024L * 1000L), PRECISION);
            // A function behind routes of several groups (ingest) is shared out by its requests per group.
            for (var share : shares(function.getKey(), usage.routes()).entrySet()) {
                String group = share.getKey();
                long invocations = BigDecimal.valueOf(stats.invocations()).multiply(share.getValue())
                        .setScale(0, RoundingMode.HALF_UP).longValueExact();
                BigDecimal billedMs = BigDecimal.valueOf(stats.billedMillis()).multiply(share.getValue());
                BigDecimal groupGbSeconds = gbSeconds.multiply(share.getValue());
                billable.merge(group, new BillableUsage(invocations, groupGbSeconds, 0, 0, BigDecimal.ZERO,
                        BigDecimal.ZERO, 0), BillableUsage::plus);
                functionRows.add(new FunctionRow(group, function.getKey(), memoryMb, per(invocations, orders),
                        per(billedMs, orders), per(groupGbSeconds, orders)));
                serviceRows.add(new ServiceRow(group, function.getKey(), "Lambda invocations",
                        per(invocations, orders)));
            }
        }
        long orderDeliveries = 0;
        for (UsageSnapshot.Route route : usage.routes()) {
            String group = routeGroup(route);
            if (route.routeKey().equals(ORDER_ROUTE)) {
                orderDeliveries += route.requests();
            }
            billable.merge(group, new BillableUsage(0, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO,
                    route.requests()), BillableUsage::plus);
            serviceRows.add(new ServiceRow(group, route.function(), "HTTP API " + route.routeKey(),
                    per(route.requests(), orders)));
        }

        CostModel model = new CostModel(prices);
        Map<String, List<CostModel.Line>> cost = new LinkedHashMap<>();
        BillableUsage all = BillableUsage.NONE;
        for (var group : billable.entrySet()) {
            cost.put(group.getKey(), model.perMillionOrders(group.getValue(), orders));
            all = all.plus(group.getValue());
        }
        cost.put("all", model.perMillionOrders(all, orders));
        BigDecimal writesPerOrder = per(writeCalls, orders);
        BigDecimal writesPerDelivery = orderDeliveries == 0 ? writesPerOrder : per(writeCalls, orderDeliveries);
        Writes writes = new Writes(writesPerOrder, writesPerDelivery, per(itemsWritten, orders),
                per(writeUnits, orders), WRITES_PER_ORDER_TARGET,
                writesPerDelivery.compareTo(BigDecimal.valueOf(WRITES_PER_ORDER_TARGET)) <= 0);
        return new UsageReport(orders, prices.region(), prices.read(), callRows, serviceRows, functionRows, writes,
                cost, leftOut);
    }

    /** The route an order delivery takes. */
    static final String ORDER_ROUTE = "POST /v1/orders/{channel}";
    private static final Set<String> INVENTORY_ROUTES = Set.of("POST /v1/inventory-events", "PUT /v1/listings/{sku}",
            "GET /v1/listings/{sku}");

    static String routeGroup(UsageSnapshot.Route route) {
        if (route.routeKey().equals(ORDER_ROUTE)) {
            return "order chain";
        }
        return INVENTORY_ROUTES.contains(route.routeKey()) ? "inventory" : group(route.function());
    }

    /** Each group's share of a function's invocations: by its route requests, else all of them to its group. */
    static Map<String, BigDecimal> shares(String function, List<UsageSnapshot.Route> routes) {
        Map<String, Long> byGroup = new TreeMap<>();
        routes.stream().filter(r -> r.function().equals(function) && r.requests() > 0)
                .forEach(r -> byGroup.merge(routeGroup(r), r.requests(), Long::sum));
        long total = byGroup.values().stream().mapToLong(Long::longValue).sum();
        if (byGroup.size() <= 1 || total == 0) {
            return Map.of(group(function), BigDecimal.ONE);
        }
        Map<String, BigDecimal> shares = new TreeMap<>();
        byGroup.forEach((group, requests) -> shares.put(group,
                BigDecimal.valueOf(requests).divide(BigDecimal.valueOf(total), PRECISION)));
        return shares;
    }

    /**
     * Ingest serves the order route and the stock and listing routes. An order delivery makes exactly one standard
     * {@code SendMessage} (the intake queue); ingest's FIFO sends (inventory queue) and DynamoDB calls (listing table)
     * are the stock routes'.
     */
    static String group(String function, String service, String operation) {
        if (function.equals("IngestFunction") && (service.equals("DynamoDb") || operation.endsWith(".fifo"))) {
            return "inventory";
        }
        return group(function);
    }

    static String group(String function) {
        if (ORDER_CHAIN.contains(function)) {
            return "order chain";
        }
        return INVENTORY.contains(function) ? "inventory" : "operations";
    }

    private static BigDecimal per(long quantity, long orders) {
        return per(BigDecimal.valueOf(quantity), orders);
    }

    private static BigDecimal per(BigDecimal quantity, long orders) {
        return quantity.divide(BigDecimal.valueOf(orders), PRECISION).setScale(3, RoundingMode.HALF_UP);
    }

    /** For the terminal, after the demo's summary. */
    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "AWS usage per order (%d orders; prices %s, read %s)%n", orders, region,
                pricesRead));
        t.append("  calls the functions made (AWS SDK, per order):\n");
        t.append(String.format(Locale.ROOT, "    %-12s %-28s %-9s %-28s %8s %8s %8s %8s %8s%n", "group", "function",
                "service", "operation", "calls", "billed", "written", "read", "units"));
        for (CallRow r : functionCalls) {
            t.append(String.format(Locale.ROOT, "    %-12s %-28s %-9s %-28s %8s %8s %8s %8s %8s%n", r.group(),
                    r.function(), r.service(), r.operation(), r.calls().toPlainString(),
                    r.billedRequests().toPlainString(), r.itemsWritten().toPlainString(),
                    r.itemsRead().toPlainString(), r.capacityUnits().toPlainString()));
        }
        t.append("  what the Lambda service and API Gateway did for them (per order):\n");
        for (ServiceRow r : serviceCalls) {
            if (r.perOrder().signum() != 0) {
                t.append(String.format(Locale.ROOT, "    %-12s %-28s %-64s %8s%n", r.group(), r.function(), r.what(),
                        r.perOrder().toPlainString()));
            }
        }
        t.append("  Lambda per order (billed duration, rounded up to 1 ms per invocation; GB-s at the template's MemorySize):\n");
        for (FunctionRow r : functions) {
            if (r.invocations().signum() != 0) {
                t.append(String.format(Locale.ROOT, "    %-12s %-28s %5d MB  %8s invocations  %10s ms  %10s GB-s%n",
                        r.group(), r.function(), r.memoryMb(), r.invocations().toPlainString(),
                        r.billedMs().toPlainString(), r.gbSeconds().toPlainString()));
            }
        }
        t.append(String.format(Locale.ROOT,
                "  DynamoDB writes per order (order chain): %s write calls (%s per order delivery), %s items, %s WRU"
                        + " — target ≤ %d per delivered order version: %s%n",
                orderChainWrites.writeCalls().toPlainString(), orderChainWrites.writeCallsPerDelivery().toPlainString(),
                orderChainWrites.itemsWritten().toPlainString(),
                orderChainWrites.writeUnits().toPlainString(), orderChainWrites.target(),
                orderChainWrites.met() ? "met ✓" : "NOT met ✗"));
        t.append("  cost per million orders (USD):\n");
        List<String> groups = new ArrayList<>(costPerMillion.keySet());
        t.append(String.format(Locale.ROOT, "    %-28s", "item"));
        groups.forEach(g -> t.append(String.format(Locale.ROOT, " %14s", g)));
        t.append('\n');
        List<CostModel.Line> first = costPerMillion.get(groups.get(0));
        for (int i = 0; i < first.size(); i++) {
            t.append(String.format(Locale.ROOT, "    %-28s", first.get(i).item()));
            for (String g : groups) {
                t.append(String.format(Locale.ROOT, " %14s",
                        costPerMillion.get(g).get(i).costPerMillionOrders().setScale(2, RoundingMode.HALF_UP)
                                .toPlainString()));
            }
            t.append('\n');
        }
        t.append("  counted, not priced:\n");
        leftOut.forEach((what, count) -> t.append(String.format(Locale.ROOT, "    %-90s %8d%n", what, count)));
        t.append("  not counted: CloudWatch Logs and EMF metrics, X-Ray/ADOT, Secrets Manager, KMS, data transfer,\n"
                + "  DynamoDB storage, the Lambda INIT phase (SnapStart), free tiers.\n");
        return t.toString();
    }
}
