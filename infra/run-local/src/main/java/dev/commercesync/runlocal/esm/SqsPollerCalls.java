package dev.commercesync.runlocal.esm;

/**
 * The SQS requests an event source mapping made: on AWS Lambda's pollers make them, and they are on the queue
 * owner's SQS bill like any other request.
 *
 * @param receives          {@code ReceiveMessage} calls that returned messages
 * @param emptyReceives     {@code ReceiveMessage} calls that returned none (long polls that ran out; locally they wait
 *                          a shorter time than Lambda's 20 s, so there are more of them: idle cost, not per order)
 * @param receiveChunks     billed requests of the receives that returned messages: each 64 KB of returned payload
 *                          (bodies and attributes) is one
 * @param deleteBatches     {@code DeleteMessageBatch} calls (at most 10 entries, a few hundred bytes: one request each)
 */
public record SqsPollerCalls(long receives, long emptyReceives, long receiveChunks, long deleteBatches) {

    public static final SqsPollerCalls NONE = new SqsPollerCalls(0, 0, 0, 0);

    public SqsPollerCalls minus(SqsPollerCalls earlier) {
        return new SqsPollerCalls(receives - earlier.receives, emptyReceives - earlier.emptyReceives,
                receiveChunks - earlier.receiveChunks, deleteBatches - earlier.deleteBatches);
    }

    /** SQS's rule: each 64 KB chunk of a request's payload is billed as one request, and a request is at least one. */
    public static long billedRequests(long payloadBytes) {
        return Math.max(1, (payloadBytes + 65_535) / 65_536);
    }
}
