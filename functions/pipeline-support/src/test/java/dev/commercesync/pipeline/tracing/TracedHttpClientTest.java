package dev.commercesync.pipeline.tracing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.commercesync.pipeline.testing.InMemorySpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** CLIENT spans of outgoing HTTP calls against a real server (WireMock on 127.0.0.1). */
class TracedHttpClientTest {

    private WireMockServer server;
    private InMemorySpans spans;
    private OpenTelemetrySdk sdk;
    private TracedHttpClient http;
    private MessageTracing tracing;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        spans = new InMemorySpans();
        sdk = spans.sdk();
        tracing = new MessageTracing(sdk);
        http = new TracedHttpClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), tracing);
    }

    @AfterEach
    void stop() {
        server.stop();
        sdk.close();
    }

    @Test
    void theServerReceivesTheClientSpansContextAndTheSpanDescribesTheCall() throws Exception {
        server.stubFor(post(urlPathEqualTo("/sales-orders")).willReturn(aResponse().withStatus(201).withBody("{}")));
        Span parent = tracing.tracer().spanBuilder("posting").startSpan();
        HttpResponse<String> response;
        try (Scope ignored = parent.makeCurrent()) {
            // A stale traceparent set by the caller is replaced, not sent twice.
            response = http.send(HttpRequest.newBuilder(URI.create(base()
                                    + "/sales-orders?externalReference=shopify:1001"))
                            .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString(), "/sales-orders");
        } finally {
            parent.end();
        }
        sdk.getSdkTracerProvider().forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(201);
        SpanData client = only(spans.ofKind(SpanKind.CLIENT));
        assertThat(client.getName()).isEqualTo("POST /sales-orders");
        assertThat(client.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(client.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
        assertThat(client.getAttributes().get(AttributeKey.stringKey("url.full")))
                .isEqualTo(base() + "/sales-orders");
        assertThat(client.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
        assertThat(client.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo((long) server.port());
        assertThat(client.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(201L);
        assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        List<LoggedRequest> received = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getHeaders().getHeader("traceparent").values())
                .containsExactly("00-" + client.getTraceId() + "-" + client.getSpanId() + "-01");
    }

    @Test
    void anErrorAnswerAndNoAnswerMarkTheSpanFailed() throws Exception {
        server.stubFor(post(urlPathEqualTo("/busy")).willReturn(aResponse().withStatus(503)));
        http.send(HttpRequest.newBuilder(URI.create(base() + "/busy"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        int port = server.port();
        server.stop();
        IOException refused = catchThrowableOfType(IOException.class, () -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/gone")).GET().build(),
                HttpResponse.BodyHandlers.discarding()));
        sdk.getSdkTracerProvider().forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(refused).isNotNull();
        List<SpanData> calls = spans.ofKind(SpanKind.CLIENT);
        assertThat(calls).hasSize(2);
        SpanData busy = calls.get(0);
        assertThat(busy.getName()).isEqualTo("POST");
        assertThat(busy.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(busy.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("503");
        SpanData gone = calls.get(1);
        assertThat(gone.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(gone.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo(refused.getClass().getName());
        assertThat(gone.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isNull();
    }

    /** WireMock's own base URL says localhost; only loopback by address is allowed here. */
    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static SpanData only(List<SpanData> found) {
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
