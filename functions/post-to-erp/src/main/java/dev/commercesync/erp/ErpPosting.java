package dev.commercesync.erp;

import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.orderstate.OrderRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule that makes posting exactly-once per order version although SQS delivers at least once, Lambda may crash
 * between the ERP call and the state write, and an ERP answer may get lost:
 * <ol>
 *   <li>{@link #decide}: from the order state alone, whether this version still has to reach the ERP, and whether
 *       as a create or as an update of the document the ERP holds;</li>
 *   <li>{@link #carryOut}: a create always looks the order up by its external reference first, so whatever happened
 *       to an earlier attempt, the ERP never gets a second document for one order.</li>
 * </ol>
 * Pure: no I/O of its own, the ERP is the {@link ErpGateway} port.
 */
public final class ErpPosting {

    private ErpPosting() {
    }

    /** What to do with one posting. */
    public enum Action {
        /** The ERP has no document for this order as far as the state knows: look it up, then create or update. */
        CREATE,
        /** The ERP holds an older version in {@link Decision#erpDocumentId()}: replace it. */
        UPDATE,
        /** The ERP already holds this version or a newer one (a redelivery, or the state write of a retry). */
        SKIP_ALREADY_POSTED,
        /** A newer version is accepted; its own posting follows in the order's FIFO group and carries the change. */
        SKIP_SUPERSEDED,
        /** The ERP rejected this very version; nothing happens until a new version or an operator's re-queue. */
        SKIP_REJECTED,
        /**
         * The order state does not know this version (no state, or an older accepted version). Dedupe accepts before
         * it queues, so this is an inconsistency for an operator: posting would leave the state unable to record it.
         */
        REFUSE_NOT_ACCEPTED
    }

    /**
     * @param erpDocumentId the document to update, for {@link Action#UPDATE} only
     * @param explanation   why, for the log
     */
    public record Decision(Action action, String erpDocumentId, String explanation) {
        public Decision {
            Objects.requireNonNull(action, "action");
        }
    }

    /** How the ERP came to hold the order version after {@link #carryOut}. */
    public enum How {
        CREATED("created"),
        UPDATED("updated"),
        /** An earlier attempt's create (whose answer or state write was lost) or a newer version was already there. */
        ALREADY_HELD("already held by the ERP");

        private final String text;

        How(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * @param document      the document the ERP holds now
     * @param postedVersion the version the ERP holds now: this one, or a newer one the ERP had already
     */
    public record Sent(ErpDocument document, How how, Instant postedVersion) {
    }

    /**
     * The order state stores versions to the millisecond; comparing a finer channel timestamp with it would make
     * every posting look newer than what was accepted.
     */
    public static Instant comparableVersion(Instant sourceUpdatedAt) {
        return sourceUpdatedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * @param orderVersion the {@code sourceUpdatedAt} of the order in the posting
     * @param state        the stored order state, empty when there is none
     */
    public static Decision decide(Instant orderVersion, Optional<OrderRecord> state) {
        Instant version = comparableVersion(orderVersion);
        if (state.isEmpty()) {
            return new Decision(Action.REFUSE_NOT_ACCEPTED, null, "no order state for version " + version);
        }
        OrderRecord record = state.get();
        Instant posted = record.postedSourceUpdatedAt();
        if (posted != null && !posted.isBefore(version)) {
            return new Decision(Action.SKIP_ALREADY_POSTED, null,
                    "ERP document " + record.erpDocumentId() + " holds version " + posted);
        }
        Instant accepted = record.sourceUpdatedAt();
        if (accepted == null || accepted.isBefore(version)) {
            return new Decision(Action.REFUSE_NOT_ACCEPTED, null,
                    "accepted version is " + accepted + ", not " + version);
        }
        if (accepted.isAfter(version)) {
            return new Decision(Action.SKIP_SUPERSEDED, null, "version " + accepted + " is accepted and follows");
        }
        if (record.status() == ProcessingState.ERP_REJECTED) {
            return new Decision(Action.SKIP_REJECTED, null, "the ERP rejected version " + version);
        }
        if (record.erpDocumentId() != null) {
            return new Decision(Action.UPDATE, record.erpDocumentId(),
                    "ERP document " + record.erpDocumentId() + " holds version " + posted);
        }
        return new Decision(Action.CREATE, null, "not in the ERP as far as the state knows");
    }

    /**
     * Brings the ERP to {@code order}'s version, for a {@link Action#CREATE} or {@link Action#UPDATE} decision.
     * Exceptions of the gateway pass through unchanged.
     */
    public static Sent carryOut(Decision decision, ErpSalesOrder order, ErpGateway erp) {
        return switch (decision.action()) {
            case CREATE -> createOnce(order, erp);
            case UPDATE -> update(decision.erpDocumentId(), order, erp, How.UPDATED);
            case SKIP_ALREADY_POSTED, SKIP_SUPERSEDED, SKIP_REJECTED, REFUSE_NOT_ACCEPTED ->
                    throw new IllegalArgumentException("nothing to send for " + decision.action());
        };
    }

    private static Sent createOnce(ErpSalesOrder order, ErpGateway erp) {
        Optional<ErpDocument> existing = erp.findByExternalReference(order.externalReference());
        if (existing.isPresent()) {
            return bringUpToDate(existing.get(), order, erp);
        }
        ErpDocument created = erp.create(order);
        // The ERP answers a create for a reference it holds with that document, which may be an older version.
        if (!created.holdsAtLeast(order.sourceVersion())) {
            return update(created.documentId(), order, erp, How.UPDATED);
        }
        return sent(created, order, How.CREATED);
    }

    private static Sent bringUpToDate(ErpDocument existing, ErpSalesOrder order, ErpGateway erp) {
        if (existing.holdsAtLeast(order.sourceVersion())) {
            return sent(existing, order, How.ALREADY_HELD);
        }
        return update(existing.documentId(), order, erp, How.UPDATED);
    }

    private static Sent update(String documentId, ErpSalesOrder order, ErpGateway erp, How how) {
        ErpDocument updated = erp.update(documentId, order);
        boolean newerHeld = updated.sourceVersion() != null && updated.sourceVersion().isAfter(order.sourceVersion());
        return sent(updated, order, newerHeld ? How.ALREADY_HELD : how);
    }

    private static Sent sent(ErpDocument document, ErpSalesOrder order, How how) {
        Instant held = document.sourceVersion();
        Instant postedVersion = held != null && held.isAfter(order.sourceVersion()) ? held : order.sourceVersion();
        return new Sent(document, how, postedVersion);
    }
}
