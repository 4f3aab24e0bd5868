package dev.commercesync.map.channel;

import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.SalesChannel;

/**
 * Turns one channel's order body into the canonical order. Implementations are pure and stateless: the same raw
 * order always maps to the same canonical order, which is what lets an operator replay a failed mapping after a fix.
 * They do not reconcile totals; {@link OrderMapping} does that for every channel alike.
 */
public interface ChannelOrderMapper {

    SalesChannel channel();

    /**
     * @throws OrderMappingException when the body cannot be read as this channel's order; the message names the
     *                               field and the line, e.g. {@code line 2 (sku ABC-1): quantity missing}
     */
    CanonicalOrder map(RawOrderReceived raw) throws OrderMappingException;

    /**
     * The order id read from the body, checked against the one ingest recorded: were they to differ, the order
     * would be keyed, deduplicated and posted under an id that is not the channel's.
     */
    static String intakeOrderId(RawOrderReceived raw, String bodyOrderId, String where)
            throws OrderMappingException {
        String recorded = raw.channelOrderId();
        if (recorded != null && !recorded.isBlank() && !recorded.equals(bodyOrderId)) {
            throw new OrderMappingException(where + " " + bodyOrderId + " differs from the channelOrderId "
                    + recorded + " recorded at intake");
        }
        return bodyOrderId;
    }
}
