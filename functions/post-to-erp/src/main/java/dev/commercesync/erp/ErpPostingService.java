package dev.commercesync.erp;

import dev.commercesync.erp.rest.ErpCallPolicy;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.batch.RetryLaterException;
import dev.commercesync.pipeline.metrics.BusinessMetrics;
import dev.commercesync.pipeline.metrics.Metric;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.orderstate.Timeline;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts one order version to the ERP and records the answer on the order state: {@code POSTED} with the ERP document
 * id, or {@code ERP_REJECTED} with the ERP's message. What to send is {@link ErpPosting}'s decision.
 * <p>
 * Returning acknowledges the posting; throwing leaves it on the queue:
 * <ul>
 *   <li>business rejection (4xx): recorded, acknowledged, never retried;</li>
 *   <li>transient failure that outlived the in-process retries, lost create answer, an ERP that refuses us whatever
 *       the order (credentials, base URL): thrown as is. The message comes back after the queue's visibility
 *       timeout and, after {@code maxReceiveCount} receives, goes to the DLQ;</li>
 *   <li>the ERP asked for a longer pause ({@code Retry-After} beyond what one invocation waits): a
 *       {@link RetryLaterException} for that long;</li>
 *   <li>circuit breaker open: a {@link RetryLaterException} for the breaker's delay. No ERP call is made, so every
 *       other posting in the batch fails at once too instead of each spending its retries and the invocation's time
 *       on an ERP known to be down, and they come back about when the breaker lets a probe through rather than after
 *       the full visibility timeout. What it does <em>not</em> do: spare the receive count. SQS counted the receive
 *       that delivered the message; hiding it (ChangeMessageVisibility) neither undoes nor pauses that count, and the
 *       next receive adds one more. Each hold therefore costs one of the queue's {@code maxReceiveCount} receives: with
 *       a 30 s breaker delay and 10 receives, postings reach the DLQ after roughly five minutes of open breaker,
 *       where plain failures would take ten visibility timeouts (an hour).</li>
 * </ul>
 */
@ApplicationScoped
public class ErpPostingService {

    private static final Logger LOG = Logger.getLogger(ErpPostingService.class);
    /** The rejection's reason is kept whole in the exception record; the timeline shows only its status. */
    private static final String REJECTED = ProcessingState.ERP_REJECTED.name();

    private final OrderStateStore orders;
    private final ErpGateway erp;
    private final BusinessMetrics metrics;

    public ErpPostingService(OrderStateStore orders, ErpGateway erp, BusinessMetrics metrics) {
        this.orders = orders;
        this.erp = erp;
        this.metrics = metrics;
    }

    /** After a create whose answer was lost, when to look the order up again. */
    static final Duration OUTCOME_LOOKUP_DELAY = Duration.ofSeconds(10);
    /**
     * After the in-process retries failed, when to try again: sooner than the queue's visibility timeout (6 minutes),
     * later than the retries' own window; a longer outage opens the circuit breaker, which holds postings back itself.
     */
    static final Duration TRANSIENT_FAILURE_DELAY = Duration.ofSeconds(20);

    public void post(EventEnvelope<CanonicalOrder> event) {
        CanonicalOrder order = event.payload();
        ChannelOrderKey key = order.key();
        Optional<OrderRecord> state = orders.find(key);
        ErpPosting.Decision decision = ErpPosting.decide(order.sourceUpdatedAt(), state);
        switch (decision.action()) {
            case SKIP_ALREADY_POSTED, SKIP_SUPERSEDED, SKIP_REJECTED ->
                    LOG.infof("%s version %s: nothing to send, %s (%s)", key, order.sourceUpdatedAt(),
                            decision.action(), decision.explanation());
            case REFUSE_NOT_ACCEPTED -> throw new IllegalStateException(key + " version " + order.sourceUpdatedAt()
                    + " was never accepted (" + decision.explanation() + "); posting it would leave the order state"
                    + " unable to record it");
            case CREATE, UPDATE -> send(event, key, state.orElseThrow(), decision);
        }
    }

    private void send(EventEnvelope<CanonicalOrder> event, ChannelOrderKey key, OrderRecord state,
                      ErpPosting.Decision decision) {
        ErpSalesOrder salesOrder = ErpSalesOrderMapping.from(event.payload());
        ErpPosting.Sent sent;
        try {
            sent = ErpPosting.carryOut(decision, salesOrder, new TimedErpGateway(erp, metrics, key.channel().id()));
        } catch (ErpRejectedException rejection) {
            recordRejection(event, key, state, rejection);
            return;
        } catch (CircuitBreakerOpenException open) {
            throw new RetryLaterException("ERP circuit breaker open: not calling the ERP for " + key,
                    ErpCallPolicy.circuitBreakerDelay(), open);
        } catch (ErpOutcomeUnknownException unknown) {
            // The ERP may hold the order now: look it up again soon, not after the queue's visibility timeout.
            throw new RetryLaterException("ERP create outcome unknown for " + key + "; it is looked up again",
                    OUTCOME_LOOKUP_DELAY, unknown);
        } catch (TransientErpException failure) {
            String reason = failure.retryAfter().isPresent() ? "the ERP asked us to wait: " : "the ERP failed: ";
            throw new RetryLaterException(reason + failure.getMessage(),
                    failure.retryAfter().orElse(TRANSIENT_FAILURE_DELAY), failure);
        }
        String detail = "ERP document " + sent.document().documentId() + " (" + sent.how().text() + ")";
        List<TimelineEntry> posted = Timeline.trailThen(event, "POSTED", detail);
        boolean recorded = orders.recordErpOutcome(key, state.version(), ProcessingState.POSTED,
                sent.document().documentId(), sent.postedVersion(), null, posted);
        if (recorded) {
            LOG.infof("%s version %s posted: %s", key, salesOrder.sourceVersion(), detail);
            metrics.count(Metric.ORDERS_POSTED, key.channel().id());
            Instant postedAt = posted.get(posted.size() - 1).at();
            receivedAt(state, event).ifPresent(received -> metrics.latency(Metric.ORDER_TO_ERP_LATENCY,
                    key.channel().id(), Duration.between(received, postedAt)));
        } else {
            // A newer version was accepted meanwhile; its posting looks the order up and updates this document.
            LOG.infof("%s version %s posted (%s) but the order changed meanwhile; the newer version follows", key,
                    salesOrder.sourceVersion(), detail);
        }
    }

    private void recordRejection(EventEnvelope<CanonicalOrder> event, ChannelOrderKey key, OrderRecord state,
                                 ErpRejectedException rejection) {
        Instant now = Instant.now();
        OrderException exception = new OrderException(now, REJECTED, rejection.getMessage(), event.correlationId());
        String detail = rejection.status() > 0 ? "rejected by the ERP (HTTP " + rejection.status() + ")"
                : "refused: the ERP's answer needs an operator";
        boolean recorded = orders.recordErpOutcome(key, state.version(), ProcessingState.ERP_REJECTED, null, null,
                exception, Timeline.trailThen(event, REJECTED, detail));
        // The ERP's own words stay on the exception record: they can quote the order (buyer, address).
        LOG.warnf("%s version %s %s%s", key, event.payload().sourceUpdatedAt(), detail,
                recorded ? "; the ERP's message is on the order's exception record"
                        : " (not recorded: a newer version was accepted meanwhile)");
        if (recorded) {
            metrics.businessException(key.channel().id(), REJECTED);
        }
    }

    /**
     * When the posted version entered the pipeline: its intake's {@code RECEIVED} step, found by the accepted version's
     * correlation id in the order's timeline or the posting's trail; failing that, the earliest step of that intake.
     * Empty when neither knows the intake (an order accepted without a timeline).
     */
    static Optional<Instant> receivedAt(OrderRecord state, EventEnvelope<?> posting) {
        String correlationId = state.correlationId() != null ? state.correlationId() : posting.correlationId();
        List<TimelineEntry> steps = new ArrayList<>(state.timeline() == null ? List.of() : state.timeline());
        steps.addAll(posting.trail() == null ? List.of() : posting.trail());
        List<TimelineEntry> ofIntake = steps.stream()
                .filter(step -> step.at() != null && correlationId != null
                        && correlationId.equals(step.correlationId()))
                .toList();
        Optional<Instant> received = ofIntake.stream().filter(step -> "RECEIVED".equals(step.step()))
                .map(TimelineEntry::at).min(Comparator.naturalOrder());
        return received.isPresent() ? received
                : ofIntake.stream().map(TimelineEntry::at).min(Comparator.naturalOrder());
    }
}
