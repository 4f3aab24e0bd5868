package dev.commercesync.runlocal.usage;

import java.math.BigDecimal;
import java.util.Set;

/**
 * One AWS operation's totals as the functions' call counter wrote them (pipeline-support's
 * {@code awscalls.CallFigures}, same columns in the same order; this module does not depend on the functions).
 *
 * @param attempts      HTTP requests sent, retries included: the billed requests (SQS: before the 64 KB rule)
 * @param payloadChunks billed SQS requests after the 64 KB rule
 * @param capacityMilli DynamoDB capacity units reported by the emulator, in thousandths
 */
public record OperationCounts(long calls, long attempts, long failures, long payloadChunks, long itemsWritten,
                              long itemsRead, long capacityMilli) {

    public static final OperationCounts NONE = new OperationCounts(0, 0, 0, 0, 0, 0, 0);

    private static final Set<String> DYNAMODB_WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem",
            "BatchWriteItem", "TransactWriteItems");
    private static final Set<String> DYNAMODB_READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan",
            "TransactGetItems");

    /** Parses the file's {@code 1,2,0,2,1,0,1000} column list. */
    static OperationCounts parse(String columns) {
        String[] values = columns.trim().split(",");
        if (values.length != 7) {
            throw new IllegalArgumentException("expected 7 columns, not " + columns);
        }
        long[] v = new long[7];
        for (int i = 0; i < 7; i++) {
            v[i] = Long.parseLong(values[i].trim());
        }
        return new OperationCounts(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    public OperationCounts plus(OperationCounts o) {
        return new OperationCounts(calls + o.calls, attempts + o.attempts, failures + o.failures,
                payloadChunks + o.payloadChunks, itemsWritten + o.itemsWritten, itemsRead + o.itemsRead,
                capacityMilli + o.capacityMilli);
    }

    public OperationCounts minus(OperationCounts o) {
        return new OperationCounts(calls - o.calls, attempts - o.attempts, failures - o.failures,
                payloadChunks - o.payloadChunks, itemsWritten - o.itemsWritten, itemsRead - o.itemsRead,
                capacityMilli - o.capacityMilli);
    }

    static boolean isDynamoDbWrite(String operation) {
        return DYNAMODB_WRITES.contains(operation);
    }

    static boolean isDynamoDbRead(String operation) {
        return DYNAMODB_READS.contains(operation);
    }

    /**
     * Billed request units of a DynamoDB operation: the capacity the emulator reported for the successful calls
     * (item size counted, as AWS counts it), else one per item; plus one per failed call, since a failed conditional
     * write still consumes at least one write unit (more for items over 1 KB: a lower bound).
     */
    BigDecimal requestUnits() {
        BigDecimal reported = BigDecimal.valueOf(capacityMilli, 3);
        BigDecimal successful = capacityMilli > 0 ? reported : BigDecimal.valueOf(itemsWritten + itemsRead);
        return successful.add(BigDecimal.valueOf(failures));
    }
}
