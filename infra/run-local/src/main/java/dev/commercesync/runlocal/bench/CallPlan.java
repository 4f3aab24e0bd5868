package dev.commercesync.runlocal.bench;

import java.util.List;

/**
 * The AWS calls one new order costs on its way to the ERP, as our handlers make them (read from
 * {@code functions/*}: {@code OrderIntake}, {@code OrderMappingStep}, {@code OrderDeduplication},
 * {@code ErpPostingService}, {@code StockStep}, and {@code pipeline-support}'s stores and publisher) — and so exactly
 * what the null pipeline ({@link NullPipeline}) makes, no more. Data, so the report lists it beside the calls counted
 * in a real run.
 *
 * <p>Left out because the event source mappings make them, the same in both runs: ReceiveMessage,
 * DeleteMessageBatch. Left out because they happen only off the happy path: ChangeMessageVisibility (a retry later),
 * the channel queues' publishes (only when a SKU has stock figures and listings, which the bench's stack has not).
 */
public final class CallPlan {

    /** How often a call happens. */
    public enum Per {
        /** once per order */
        ORDER,
        /** once per distinct SKU of the order */
        ORDER_SKU,
        /** once per batch of the inventory queue (its SKUs together) */
        INVENTORY_BATCH,
        /** once per SKU in a batch of the inventory queue */
        INVENTORY_BATCH_SKU
    }

    /**
     * @param function    the template function that makes it
     * @param service     {@code sqs} or {@code dynamodb}
     * @param operation   the API operation
     * @param target      the queue or table (template logical id)
     * @param per         how often
     * @param conditional whether it is a conditional write
     * @param write       whether DynamoDB bills it as a write
     * @param what        the real call's purpose, and the item or message the null one sends
     */
    public record PlannedCall(String function, String service, String operation, String target, Per per,
                              boolean conditional, boolean write, String what) {
    }

    /** In the order an order meets them. */
    public static final List<PlannedCall> ORDER_PATH = List.of(
            new PlannedCall("IngestFunction", "sqs", "SendMessage", "OrderIntakeQueue", Per.ORDER, false, false,
                    "the raw order (the delivered body) with correlation, schema and trace attributes"),
            new PlannedCall("MapFunction", "sqs", "SendMessage", "CanonicalOrderQueue", Per.ORDER, false, false,
                    "the canonical order; the null map forwards the body it received"),
            new PlannedCall("DedupeFunction", "dynamodb", "PutItem", "IdempotencyTable", Per.ORDER, true, true,
                    "claim of the idempotency key, attribute_not_exists, ALL_OLD on failure"),
            new PlannedCall("DedupeFunction", "dynamodb", "UpdateItem", "OrderStateTable", Per.ORDER, true, true,
                    "accept the version (#srcMs < :v), order JSON and timeline, UPDATED_NEW"),
            new PlannedCall("DedupeFunction", "sqs", "SendMessageBatch", "InventoryQueue", Per.ORDER, false, false,
                    "one stock hold per SKU, group sku:<sku> (one request for up to 10 SKUs)"),
            new PlannedCall("DedupeFunction", "sqs", "SendMessage", "ErpPostingQueue", Per.ORDER, false, false,
                    "the posting, group = order key, deduplication id from the idempotency key"),
            new PlannedCall("PostToErpFunction", "dynamodb", "GetItem", "OrderStateTable", Per.ORDER, false, false,
                    "consistent read of the order state (what to send, create or update)"),
            new PlannedCall("PostToErpFunction", "dynamodb", "UpdateItem", "OrderStateTable", Per.ORDER, true, true,
                    "POSTED with the ERP document id, #version = :expected"),
            new PlannedCall("PublishInventoryFunction", "dynamodb", "BatchGetItem", "ListingTable",
                    Per.INVENTORY_BATCH, false, false, "the listings of the batch's SKUs"),
            new PlannedCall("PublishInventoryFunction", "dynamodb", "UpdateItem", "InventoryTable", Per.ORDER_SKU,
                    true, true, "apply the hold (orderVersionMs < :vMs)"),
            new PlannedCall("PublishInventoryFunction", "dynamodb", "Query", "InventoryTable",
                    Per.INVENTORY_BATCH_SKU, false, false, "consistent read of the SKU's figures, holds and listings"));

    private CallPlan() {
    }

    /** DynamoDB writes for one order with {@code skus} distinct SKUs. */
    public static int dynamoDbWritesPerOrder(int skus) {
        return ORDER_PATH.stream().filter(PlannedCall::write)
                .mapToInt(call -> call.per() == Per.ORDER_SKU ? skus : 1).sum();
    }

    /** The plan as a table, for the report. */
    public static String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("  %-26s %-9s %-17s %-20s %-20s %s%n", "function", "service", "operation", "target",
                "per", "what"));
        for (PlannedCall call : ORDER_PATH) {
            out.append(String.format("  %-26s %-9s %-17s %-20s %-20s %s%s%n", call.function(), call.service(),
                    call.operation(), call.target(), call.per().name().toLowerCase(java.util.Locale.ROOT),
                    call.conditional() ? "conditional; " : "", call.what()));
        }
        return out.toString();
    }
}
