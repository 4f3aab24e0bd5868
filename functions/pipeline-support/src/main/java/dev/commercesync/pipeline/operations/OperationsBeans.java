package dev.commercesync.pipeline.operations;

import dev.commercesync.pipeline.config.PipelineConfig;
import dev.commercesync.pipeline.messaging.EventPublisher;
import dev.commercesync.pipeline.orderstate.OrderStateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * CDI wiring of the operations core, for functions that serve operators; the classes themselves are plain so that the
 * operator CLI builds them without CDI. The configuration is read when a bean is first used, so only a function that
 * uses one needs its variables.
 */
@ApplicationScoped
public class OperationsBeans {

    @Produces
    @Singleton
    public OperatorAudit operatorAudit(DynamoDbClient dynamo, PipelineConfig config) {
        return new DynamoDbOperatorAudit(dynamo,
                PipelineConfig.require(config.tables().operatorAudit(), "OPERATOR_AUDIT_TABLE"));
    }

    @Produces
    @Singleton
    public ExceptionQuery exceptionQuery(OrderStateStore orders) {
        return new ExceptionQuery(orders, Clock.systemUTC());
    }

    @Produces
    @Singleton
    public ExceptionRetry exceptionRetry(OrderStateStore orders, EventPublisher publisher, OperatorAudit audit,
                                  PipelineConfig config) {
        return new ExceptionRetry(orders, publisher, audit, new RetryTargets(
                PipelineConfig.require(config.queues().intake(), "INTAKE_QUEUE_URL"),
                PipelineConfig.require(config.queues().posting(), "POSTING_QUEUE_URL")), Clock.systemUTC());
    }
}
