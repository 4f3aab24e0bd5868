package dev.commercesync.ingest.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.pipeline.logging.FlatMdcJsonFormatter;
import dev.commercesync.pipeline.messaging.MessageAttributeNames;
import dev.commercesync.pipeline.testing.AwsEmulatorsResource;
import dev.commercesync.pipeline.testing.LocalHttpApi;
import dev.commercesync.pipeline.testing.QueueProbe;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.WriterHandler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start of an order's trace, as the function runs in Lambda (an HTTP API event through the Runtime API): the
 * request's SERVER span is the parent of the PRODUCER span that queued the order, the queued message carries that
 * PRODUCER span's context, and both were exported before the function answered (nothing else flushes under
 * {@link TracingProfile}). The request's log lines are JSON with its context as top-level fields.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@WithTestResource(AwsEmulatorsResource.class)
@WithTestResource(LocalHttpApi.class)
class IngestTracingTest {

    @Inject
    SqsClient sqs;
    @ConfigProperty(name = "commerce.queues.intake")
    String intakeQueueUrl;

    @Test
    void theRequestsServerSpanIsTheParentOfTheSendSpanWhoseContextTheOrderCarries() throws IOException {
        sqs.purgeQueue(b -> b.queueUrl(intakeQueueUrl));
        CollectedSpans.SPANS.clear();

        given().contentType("application/json").body(fixture("ebay/order-gb-one-line.json"))
                .post("/v1/orders/ebay").then().statusCode(202);

        // Already exported: the function flushed before it answered.
        SpanData server = only(CollectedSpans.SPANS.ofKind(SpanKind.SERVER));
        SpanData send = only(CollectedSpans.SPANS.ofKind(SpanKind.PRODUCER));
        assertThat(server.getName()).isEqualTo("POST /v1/orders/{channel}");
        assertThat(server.getAttributes().asMap().toString()).contains("http.response.status_code=202");
        assertThat(send.getName()).isEqualTo("OrderIntakeQueue send");
        assertThat(send.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(send.getTraceId()).isEqualTo(server.getTraceId());

        List<Message> queued = new QueueProbe(sqs, intakeQueueUrl).receive(1);
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).messageAttributes().get(MessageAttributeNames.TRACEPARENT).stringValue())
                .isEqualTo("00-" + send.getTraceId() + "-" + send.getSpanId() + "-01");
    }

    @Test
    void logLinesAreJsonObjectsWithTheRequestsContextAtTheTopLevel() throws IOException {
        FlatMdcJsonFormatter console = consoleFormatter(org.jboss.logmanager.LogContext.getLogContext().getLogger(""));
        StringWriter lines = new StringWriter();
        WriterHandler copy = new WriterHandler();
        copy.setWriter(lines);
        copy.setFormatter(console);
        java.util.logging.Logger intake = org.jboss.logmanager.LogContext.getLogContext()
                .getLogger("dev.commercesync.ingest.OrderIntake");
        intake.addHandler(copy);
        CollectedSpans.SPANS.clear();
        try {
            given().contentType("application/json").header("X-Correlation-Id", "relay-json-log-1")
                    .body(fixture("ebay/order-gb-one-line.json")).post("/v1/orders/ebay").then().statusCode(202);
        } finally {
            intake.removeHandler(copy);
        }

        SpanData server = only(CollectedSpans.SPANS.ofKind(SpanKind.SERVER));
        List<String> written = lines.toString().lines().toList();
        assertThat(written).hasSize(1);
        JsonNode queued = new ObjectMapper().readTree(written.get(0));
        assertThat(queued.path("message").asText()).startsWith("queued ebay:");
        assertThat(queued.path("level").asText()).isEqualTo("INFO");
        assertThat(queued.path("orderKey").asText()).startsWith("ebay:");
        assertThat(queued.path("correlationId").asText()).isEqualTo("relay-json-log-1");
        assertThat(queued.path("step").asText()).isEqualTo("intake");
        assertThat(queued.path("traceId").asText()).isEqualTo(server.getTraceId());
        assertThat(queued.path("spanId").asText()).isEqualTo(server.getSpanId());
        assertThat(queued.path("function").asText()).isEqualTo("ingest");
        assertThat(queued.has("mdc")).isFalse();
    }

    /** The formatter Quarkus gave the console handler, as JsonLogFormat wrapped it at startup. */
    private static FlatMdcJsonFormatter consoleFormatter(java.util.logging.Logger root) {
        List<Handler> handlers = new ArrayList<>(List.of(root.getHandlers()));
        for (int i = 0; i < handlers.size(); i++) {
            Handler handler = handlers.get(i);
            if (handler.getFormatter() instanceof FlatMdcJsonFormatter flat) {
                return flat;
            }
            if (handler instanceof ExtHandler parent) {
                handlers.addAll(List.of(parent.getHandlers()));
            }
        }
        throw new AssertionError("no console handler writes flat JSON: " + handlers);
    }

    private static SpanData only(List<SpanData> spans) {
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = IngestTracingTest.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
