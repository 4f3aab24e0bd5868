package dev.commercesync.pipeline.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.quarkus.logging.json.runtime.AdditionalField;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.handlers.WriterHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log lines as the functions write them: Quarkus' JSON formatter configured as pipeline-support's
 * microprofile-config.properties configures it, wrapped by {@link JsonLogFormat} as at startup.
 */
class JsonLogLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
            TraceFlags.getSampled(), TraceState.getDefault());

    private final StringWriter out = new StringWriter();
    private Logger logger;

    @BeforeEach
    void functionLogging() {
        // As quarkus.log.console.json.* in microprofile-config.properties set it.
        JsonFormatter configured = new JsonFormatter(null,
                Set.of("mdc", "sequence", "loggerClassName", "ndc", "hostName", "processName", "processId", "threadId"),
                Map.of("function", new AdditionalField("PostToErpFunction", JsonLogConfig.AdditionalFieldConfig.Type.STRING)));
        WriterHandler console = new WriterHandler();
        console.setWriter(out);
        console.setFormatter(configured);
        // Quarkus nests its console handler in a handler on the root logger.
        ExtHandler root = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                publishToNestedHandlers(record);
            }
        };
        root.addHandler(console);
        org.jboss.logmanager.LogContext context = org.jboss.logmanager.LogContext.create();
        Logger rootLogger = context.getLogger("");
        rootLogger.addHandler(root);

        assertThat(JsonLogFormat.install(rootLogger)).isEqualTo(1);
        logger = context.getLogger("dev.commercesync.erp.ErpPostingService");
    }

    @Test
    void oneLinePerEventWithTheLogContextAsTopLevelFields() throws Exception {
        try (LogContext.Frame frame = LogContext.open("post-to-erp", SPAN)) {
            frame.put(LogContext.CORRELATION_ID, "corr-1").put(LogContext.ORDER_KEY, "shopify:1001");
            logger.info("shopify:1001 version 2026-11-20T09:00:00Z posted: ERP document SO-1");
            logger.log(Level.ERROR, "posting of shopify:1001 failed", new IllegalStateException("ERP said\n\"no\""));
        }
        logger.info("after the step");

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode posted = JSON.readTree(lines.get(0));
        assertThat(posted.path("message").asText()).isEqualTo("shopify:1001 version 2026-11-20T09:00:00Z posted: ERP document SO-1");
        assertThat(posted.path("level").asText()).isEqualTo("INFO");
        assertThat(posted.path("loggerName").asText()).isEqualTo("dev.commercesync.erp.ErpPostingService");
        assertThat(posted.path("timestamp").asText()).isNotBlank();
        assertThat(posted.path("correlationId").asText()).isEqualTo("corr-1");
        assertThat(posted.path("orderKey").asText()).isEqualTo("shopify:1001");
        assertThat(posted.path("traceId").asText()).isEqualTo(SPAN.getTraceId());
        assertThat(posted.path("spanId").asText()).isEqualTo(SPAN.getSpanId());
        assertThat(posted.path("step").asText()).isEqualTo("post-to-erp");
        assertThat(posted.path("function").asText()).isEqualTo("PostToErpFunction");
        assertThat(posted.has("mdc")).isFalse();
        assertThat(posted.has("sequence")).isFalse();

        // A stack trace stays inside its line.
        JsonNode failed = JSON.readTree(lines.get(1));
        assertThat(failed.path("level").asText()).isEqualTo("ERROR");
        assertThat(failed.path("orderKey").asText()).isEqualTo("shopify:1001");
        assertThat(failed.path("exception").path("exceptionType").asText()).isEqualTo("java.lang.IllegalStateException");

        // Closing the frame took its fields away again.
        JsonNode after = JSON.readTree(lines.get(2));
        assertThat(after.has("orderKey")).isFalse();
        assertThat(after.has("step")).isFalse();
        assertThat(after.path("function").asText()).isEqualTo("PostToErpFunction");
    }

    @Test
    void fieldValuesAreEscaped() throws Exception {
        try (LogContext.Frame frame = new LogContext.Frame()) {
            frame.put(LogContext.CORRELATION_ID, "relay \"7\"\\\n\u0001");
            logger.info("odd correlation id");
        }

        JsonNode line = JSON.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(line.path("correlationId").asText()).isEqualTo("relay \"7\"\\\n\u0001");
    }
}
