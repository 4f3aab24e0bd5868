package dev.commercesync.pipeline.tracing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Flushes the spans of an HTTP function's invocation (ingest, operator-api) once its answer is ready: the request's
 * SERVER span (Quarkus' Vert.x instrumentation makes it, also behind quarkus-amazon-lambda-http's virtual
 * connection, and may end it just after the answer is complete: {@link OpenServerSpans}), the PRODUCER spans of what
 * it queued, the DynamoDB calls. A decorator of the HTTP handler bean
 * (quarkus-amazon-lambda-http's {@code LambdaHttpHandler}) rather than a handler class of ours, so it works wherever
 * Quarkus calls that bean: behind {@code QuarkusStreamHandler} in the managed Java runtime, in the native poll loop
 * and in tests. Abstract, as CDI decorators may be; that also keeps Quarkus' Lambda build from taking it for a handler.
 */
@Decorator
@Priority(10)
public abstract class FlushingHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Ample for the event loop to finish the response it already wrote; a stuck one costs no more than this. */
    private static final Duration SERVER_SPAN_WAIT = Duration.ofMillis(500);

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate;
    private final TelemetryFlush flush;
    private final OpenServerSpans serverSpans;

    @Inject
    protected FlushingHttpHandler(
            @Delegate @Any RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> delegate,
            TelemetryFlush flush, OpenServerSpans serverSpans) {
        this.delegate = delegate;
        this.flush = flush;
        this.serverSpans = serverSpans;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        try {
            return delegate.handleRequest(request, context);
        } finally {
            serverSpans.awaitNoneOpen(SERVER_SPAN_WAIT);
            flush.flush();
        }
    }
}
