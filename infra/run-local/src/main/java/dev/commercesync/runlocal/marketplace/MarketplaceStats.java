package dev.commercesync.runlocal.marketplace;

/**
 * What one sandbox channel has been asked and how it answered, for the demo summary and for tests.
 *
 * @param calls          calls on the channel's API, token endpoints and faulted calls included
 * @param updatesApplied quantities actually set: one per Shopify quantity in an applied mutation, per accepted
 *                       Amazon PATCH that carried a fulfillment availability, per eBay SKU entry that set anything.
 *                       Idempotent replays apply nothing and are not counted
 * @param casConflicts   Shopify mutations refused with {@code CHANGE_FROM_QUANTITY_STALE} (nothing changed)
 * @param throttled      calls answered 429 or Shopify {@code THROTTLED}, by the rate limit or a throttle storm
 * @param failed         calls answered 503 by an injected outage
 * @param rejected       refusals other than throttling: every other 4xx answer, plus refusals the channel answers
 *                       with 200 (Shopify userErrors other than a CAS conflict and unsupported operations, Amazon
 *                       {@code INVALID} submissions, each 4xx entry of an eBay bulk response)
 * @param tokenGrants    access tokens issued (Amazon LWA, eBay OAuth); always 0 for Shopify
 */
public record MarketplaceStats(long calls, long updatesApplied, long casConflicts, long throttled, long failed,
                               long rejected, long tokenGrants) {
}
