package dev.commercesync.runlocal.demo;

/**
 * What the pipeline should make of a delivery when the feed is sent in order, one after the other. Sent
 * concurrently, deliveries of one order may overtake each other and an UPDATE and a STALE_VERSION swap places; the
 * end state ({@link DemoFeed#expectedErpDocuments()}) is the same either way.
 */
public enum Expectation {
    /** The first version of an order: ingest 202, then one new ERP document. */
    ACCEPTED_NEW_ORDER(202),
    /** A newer version of an order already delivered: ingest 202, then an update of its ERP document. */
    UPDATE(202),
    /**
     * A version older than one already delivered (an {@code orders/create} that arrives after its
     * {@code orders/updated}): ingest 202, dedupe records STALE_VERSION_IGNORED, the ERP sees nothing.
     */
    STALE_VERSION(202),
    /** The same bytes as an earlier delivery: ingest 202, dedupe records DUPLICATE_SUPPRESSED, the ERP sees nothing. */
    DUPLICATE(202),
    /** Broken JSON or no order id: ingest refuses it with 400 and nothing is queued. */
    MALFORMED(400),
    /** Valid JSON whose totals do not add up: ingest 202, map records MAPPING_FAILED, the ERP sees nothing. */
    NON_RECONCILING(202);

    private final int ingestStatus;

    Expectation(int ingestStatus) {
        this.ingestStatus = ingestStatus;
    }

    /** The status {@code POST /v1/orders/{channel}} should answer. */
    public int ingestStatus() {
        return ingestStatus;
    }
}
