package dev.commercesync.pipeline.awscalls;

/**
 * What one operation of one AWS service cost a process so far. Plain numbers, so the local stack (which has none of
 * the SDK's types) can read them back from a {@link CallCountFile}.
 *
 * @param calls           SDK calls that ended, successfully or not (one per {@code client.putItem(..)})
 * @param attempts        HTTP requests sent, retries included: what AWS bills
 * @param failures        calls that ended in an exception (a failed conditional write is one, and still billed)
 * @param payloadChunks   per attempt, {@code ceil(max(request, response body bytes) / 64 KiB)}, at least 1: SQS bills
 *                        each 64 KB chunk of a payload as one request
 * @param itemsWritten    DynamoDB items a successful call wrote (a batch write counts its processed items)
 * @param itemsRead       DynamoDB items a successful call returned or looked up
 * @param capacityMilli   DynamoDB capacity units the responses reported ({@code ReturnConsumedCapacity=TOTAL}),
 *                        in thousandths; 0 unless counts were being written (only then is the request asked for it)
 */
public record CallFigures(long calls, long attempts, long failures, long payloadChunks, long itemsWritten,
                          long itemsRead, long capacityMilli) {

    public static final CallFigures NONE = new CallFigures(0, 0, 0, 0, 0, 0, 0);

    public CallFigures plus(CallFigures other) {
        return new CallFigures(calls + other.calls, attempts + other.attempts, failures + other.failures,
                payloadChunks + other.payloadChunks, itemsWritten + other.itemsWritten, itemsRead + other.itemsRead,
                capacityMilli + other.capacityMilli);
    }

    public CallFigures minus(CallFigures other) {
        return new CallFigures(calls - other.calls, attempts - other.attempts, failures - other.failures,
                payloadChunks - other.payloadChunks, itemsWritten - other.itemsWritten, itemsRead - other.itemsRead,
                capacityMilli - other.capacityMilli);
    }
}
