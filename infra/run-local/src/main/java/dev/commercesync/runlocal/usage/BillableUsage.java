package dev.commercesync.runlocal.usage;

import java.math.BigDecimal;

/**
 * What AWS would bill for a run, in its own units, before any price. Plain numbers, so {@link CostModel} is
 * arithmetic only.
 *
 * @param lambdaRequests      invocations
 * @param lambdaGbSeconds     billed duration × the function's memory size, summed over functions
 * @param sqsStandardRequests billed requests on standard queues (batches count once, 64 KB chunks each)
 * @param sqsFifoRequests     the same on FIFO queues
 * @param dynamoDbWriteUnits  write request units
 * @param dynamoDbReadUnits   read request units
 * @param httpApiRequests     HTTP API requests (each under 512 KB)
 */
public record BillableUsage(long lambdaRequests, BigDecimal lambdaGbSeconds, long sqsStandardRequests,
                            long sqsFifoRequests, BigDecimal dynamoDbWriteUnits, BigDecimal dynamoDbReadUnits,
                            long httpApiRequests) {

    public static final BillableUsage NONE = new BillableUsage(0, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO,
            BigDecimal.ZERO, 0);

    public BillableUsage plus(BillableUsage o) {
        return new BillableUsage(lambdaRequests + o.lambdaRequests, lambdaGbSeconds.add(o.lambdaGbSeconds),
                sqsStandardRequests + o.sqsStandardRequests, sqsFifoRequests + o.sqsFifoRequests,
                dynamoDbWriteUnits.add(o.dynamoDbWriteUnits), dynamoDbReadUnits.add(o.dynamoDbReadUnits),
                httpApiRequests + o.httpApiRequests);
    }
}
