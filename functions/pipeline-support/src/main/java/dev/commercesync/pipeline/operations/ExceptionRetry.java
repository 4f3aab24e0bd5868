package dev.commercesync.pipeline.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.CommerceJson;
import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.ChannelOrderKey;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.messaging.PublishFailedException;
import dev.commercesync.pipeline.orderstate.BusinessExceptionType;
import dev.commercesync.pipeline.orderstate.ExceptionId;
import dev.commercesync.pipeline.orderstate.ExceptionState;
import dev.commercesync.pipeline.orderstate.OrderException;
import dev.commercesync.pipeline.orderstate.OrderRecord;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import dev.commercesync.pipeline.orderstate.RawPayloadOrigin;
import dev.commercesync.pipeline.tracing.MessageTracing;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Re-submits the order behind a business exception once its cause is fixed, and audits it:
 * <ul>
 *   <li>{@code MAPPING_FAILED}: the kept raw payload goes back to the intake queue as a raw-order event, so map maps
 *       it with today's rules; from there it is a fresh delivery (dedupe lets one version through once);</li>
 *   <li>{@code ERP_REJECTED}: the order goes back to {@code PENDING_ERP} and the accepted canonical order to the
 *       posting queue; post-to-erp looks the order up in the ERP before any create, so the ERP keeps one document;</li>
 *   <li>{@code CONFLICT}: refused. The first content of that channel version stands and dedupe would suppress it
 *       again; only a new channel version carries the change.</li>
 * </ul>
 * Order of effects: the state write first (conditional, so of two operators retrying at once one wins, and a posting
 * never overtakes the state that allows it), then the send, then the audit record of what happened.
 */
public class ExceptionRetry {

    private static final Logger LOG = Logger.getLogger(ExceptionRetry.class);
    /** The timeline shows the operator's reason up to this length; the audit record keeps it whole. */
    static final int TIMELINE_REASON_LENGTH = 200;
    private static final ObjectMapper ORDER_JSON = CommerceJson.newMapper();

    private final OrderStateStore orders;
    private final EventPublisher publisher;
    private final OperatorAudit audit;
    private final RetryTargets targets;
    private final Clock clock;

    public ExceptionRetry(OrderStateStore orders, EventPublisher publisher, OperatorAudit audit, RetryTargets targets,
                          Clock clock) {
        this.orders = orders;
        this.publisher = publisher;
        this.audit = audit;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * @param actor  who asks (IAM caller ARN, CLI identity); required
     * @param reason why, in the operator's words (what was fixed); required
     * @param dryRun only check and show what would be sent: nothing changes but the audit trail
     */
    public RetryOutcome retry(String exceptionId, String actor, String reason, boolean dryRun) {
        if (actor == null || actor.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a retry needs an actor and a reason");
        }
        ExceptionId id;
        try {
            id = ExceptionId.parse(exceptionId);
        } catch (IllegalArgumentException e) {
            return new RetryOutcome.UnknownException(exceptionId);
        }
        Optional<OrderRecord> found = orders.find(id.order());
        Optional<OrderException> exception = found.flatMap(order -> order.exception(id));
        if (exception.isEmpty()) {
            return new RetryOutcome.UnknownException(exceptionId);
        }
        OrderRecord order = found.get();
        if (exception.get().state() == ExceptionState.RESOLVED) {
            return new RetryOutcome.NotRetryable(exceptionId, "already resolved: " + exception.get().resolution());
        }

        Instant now = clock.instant();
        String auditId = AuditRecord.newId();
        String correlationId = firstOf(exception.get().correlationId(), order.correlationId(),
                UUID.randomUUID().toString());
        Preparation preparation = BusinessExceptionType.fromText(exception.get().type())
                .map(type -> switch (type) {
                    case MAPPING_FAILED -> remap(order, exception.get(), id, correlationId, auditId, now);
                    case ERP_REJECTED -> repost(order, correlationId, auditId, now);
                    case CONFLICT -> new Refusal("not retryable: needs a new channel version (the first content of"
                            + " this version stands, and dedupe would suppress it again)");
                })
                .orElseGet(() -> new Refusal("not retryable: unknown exception type " + exception.get().type()));
        if (preparation instanceof Refusal refusal) {
            return new RetryOutcome.NotRetryable(exceptionId, refusal.detail());
        }
        Plan plan = (Plan) preparation;
        String type = exception.get().type();

        if (dryRun) {
            record(new AuditRecord(auditId, now, actor, AuditRecord.EXCEPTION_RETRY, exceptionId,
                    List.of(order.orderKey()), reason, true, details(type, plan, "DRY_RUN")));
            return new RetryOutcome.Retried(exceptionId, order.orderKey(), type, plan.queueUrl(), null, auditId, true);
        }
        TimelineEntry entry = new TimelineEntry(now, "RETRIED", correlationId, MessageTracing.currentTraceId(),
                type + " exception " + exceptionId + " retried by " + actor + ": " + abbreviate(reason));
        if (!orders.recordRetry(order, id, plan.newStatus(), actor, reason, now, List.of(entry))) {
            return new RetryOutcome.OrderChanged(exceptionId,
                    "the order changed while the retry was prepared; look at it again");
        }
        try {
            publisher.publish(plan.queueUrl(), plan.event());
        } catch (PublishFailedException e) {
            LOG.errorf(e, "retry of %s on %s: marked RETRIED but not queued", exceptionId, order.orderKey());
            record(new AuditRecord(auditId, now, actor, AuditRecord.EXCEPTION_RETRY, exceptionId,
                    List.of(order.orderKey()), reason, false, details(type, plan, "NOT_QUEUED")));
            return new RetryOutcome.NotQueued(exceptionId, auditId,
                    "the queue did not take the event; nothing is on its way: retry again");
        }
        record(new AuditRecord(auditId, now, actor, AuditRecord.EXCEPTION_RETRY, exceptionId,
                List.of(order.orderKey()), reason, false, details(type, plan, "QUEUED")));
        LOG.infof("retry of %s on %s by %s: event %s sent to %s", exceptionId, order.orderKey(), actor,
                plan.event().eventId(), plan.queueUrl());
        return new RetryOutcome.Retried(exceptionId, order.orderKey(), type, plan.queueUrl(), plan.event().eventId(),
                auditId, false);
    }

    /** The kept raw payload, as the raw-order event ingest first sent. */
    private Preparation remap(OrderRecord order, OrderException exception, ExceptionId id, String correlationId,
                              String auditId, Instant now) {
        if (order.rawPayload() == null) {
            return new Refusal("not retryable: the raw payload of this mapping failure was not kept; the channel"
                    + " must send the order again");
        }
        RawPayloadOrigin origin = order.rawOrigin();
        Optional<Integer> kept = keptPayloadOwner(order);
        if (kept.isEmpty() || kept.get() != id.sequence() - 1) {
            return new Refusal("not retryable: only the raw payload of the order's latest mapping failure is kept"
                    + kept.map(i -> " (" + order.exceptionId(i).value() + ")").orElse(""));
        }
        ChannelOrderKey key = id.order();
        RawOrderReceived raw = new RawOrderReceived(key.channel().id(), key.channelOrderId(),
                origin != null && origin.receivedAt() != null ? origin.receivedAt() : exception.at(),
                origin == null ? null : origin.channelEventId(),
                origin == null ? null : origin.channelEventType(),
                origin == null ? null : origin.storefrontId(),
                order.rawPayload());
        EventEnvelope<RawOrderReceived> event = new EventEnvelope<>(SchemaId.RAW_ORDER_V1, UUID.randomUUID().toString(),
                correlationId, auditId, now, key.channel().id(), key.value(), null, List.of(), raw);
        return new Plan(targets.intakeQueueUrl(), event, null);
    }

    /** The index of the mapping failure whose payload is kept: the one the origin names, else (older rows) the last. */
    private static Optional<Integer> keptPayloadOwner(OrderRecord order) {
        List<OrderException> exceptions = order.exceptions();
        for (int i = exceptions.size() - 1; i >= 0; i--) {
            OrderException e = exceptions.get(i);
            if (!BusinessExceptionType.MAPPING_FAILED.name().equals(e.type())) {
                continue;
            }
            if (order.rawOrigin() == null || order.rawOrigin().exceptionAt() == null
                    || order.rawOrigin().exceptionAt().equals(e.at())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The accepted canonical order, back to PENDING_ERP and onto the posting queue. */
    private Preparation repost(OrderRecord order, String correlationId, String auditId, Instant now) {
        if (order.orderJson() == null || order.acceptedEventKey() == null) {
            return new Refusal("not retryable: no accepted order is kept to post again");
        }
        ProcessingState newStatus;
        if (order.status() == ProcessingState.ERP_REJECTED) {
            newStatus = ProcessingState.PENDING_ERP;
        } else if (order.status() == ProcessingState.PENDING_ERP) {
            // Already pending (a newer version, or an earlier retry whose send failed): send again, change nothing.
            newStatus = null;
        } else {
            return new Refusal("not retryable: the order is " + order.status()
                    + (order.erpDocumentId() == null ? "" : " (ERP document " + order.erpDocumentId() + ")"));
        }
        CanonicalOrder canonical;
        try {
            canonical = ORDER_JSON.readValue(order.orderJson(), CanonicalOrder.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order of " + order.orderKey() + " is not a canonical order", e);
        }
        ChannelOrderKey key = order.key();
        // The posting queue is FIFO with the idempotency key as deduplication id: the original key would make SQS drop
        // a retry sent within five minutes of the first posting. post-to-erp decides from the order state, not the key.
        String idempotencyKey = order.acceptedEventKey() + "#retry:" + auditId;
        EventEnvelope<CanonicalOrder> event = new EventEnvelope<>(SchemaId.ORDER_V1, UUID.randomUUID().toString(),
                correlationId, auditId, now, key.channel().id(), key.value(), idempotencyKey, List.of(), canonical);
        return new Plan(targets.postingQueueUrl(), event, newStatus);
    }

    private void record(AuditRecord record) {
        try {
            audit.record(record);
        } catch (RuntimeException e) {
            // The effect already happened: the log line is then its only trace.
            LOG.errorf(e, "audit record not written: %s", record);
            throw e;
        }
    }

    private static Map<String, String> details(String type, Plan plan, String outcome) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("exceptionType", type);
        details.put("outcome", outcome);
        details.put("queueUrl", plan.queueUrl());
        details.put("schema", plan.event().schema());
        details.put("eventId", plan.event().eventId());
        details.put("correlationId", plan.event().correlationId());
        if (plan.newStatus() != null) {
            details.put("newStatus", plan.newStatus().name());
        }
        return details;
    }

    private static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= TIMELINE_REASON_LENGTH ? line : line.substring(0, TIMELINE_REASON_LENGTH) + "...";
    }

    private static String firstOf(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }

    private sealed interface Preparation {
    }

    /** @param newStatus the status the order moves to, null to leave it */
    private record Plan(String queueUrl, EventEnvelope<?> event, ProcessingState newStatus) implements Preparation {
    }

    private record Refusal(String detail) implements Preparation {
    }
}
