package dev.commercesync.runlocal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector against the OpenTelemetry SDK's own OTLP marshaller, the one behind the functions' exporter: what a
 * function's spans say must arrive as it was said.
 */
class TraceCollectorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TraceCollector collector;

    @BeforeAll
    static void start() {
        collector = TraceCollector.start(0, 5);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void decodesAServerProducerConsumerChainWithItsServiceAttributesAndLinks() throws Exception {
        collector.clear();
        List<SpanData> ingest = recordSpans("IngestFunction", tracer -> {
            Span server = tracer.spanBuilder("POST /v1/orders/{channel}").setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", "POST").setAttribute("http.route", "/v1/orders/{channel}")
                    .setAttribute("http.response.status_code", 202L).setAttribute("retry", true)
                    .setAttribute("ratio", 0.5)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                    .startSpan();
            Span producer = tracer.spanBuilder("OrderIntakeQueue send").setSpanKind(SpanKind.PRODUCER)
                    .setParent(Context.current().with(server)).startSpan();
            producer.end();
            server.end();
            return producer.getSpanContext();
        });
        SpanContext producer = ingest.stream().filter(s -> s.getKind() == SpanKind.PRODUCER).findFirst()
                .orElseThrow().getSpanContext();
        List<SpanData> map = recordSpans("MapFunction", tracer -> {
            Span consumer = tracer.spanBuilder("OrderIntakeQueue process").setSpanKind(SpanKind.CONSUMER)
                    .setNoParent().addLink(producer).startSpan();
            consumer.end();
            return consumer.getSpanContext();
        });

        assertThat(post(marshal(ingest), false).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> answer = post(marshal(map), true);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).as("an empty ExportTraceServiceResponse").isEmpty();
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");

        Map<String, CollectedSpan> byName = collector.spans().stream()
                .collect(Collectors.toMap(CollectedSpan::name, Function.identity()));
        SpanData serverData = ingest.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        CollectedSpan server = byName.get("POST /v1/orders/{channel}");
        assertThat(server.traceId()).isEqualTo(serverData.getTraceId());
        assertThat(server.spanId()).isEqualTo(serverData.getSpanId());
        assertThat(server.parentSpanId()).isNull();
        assertThat(server.kind()).isEqualTo("SERVER");
        assertThat(server.service()).isEqualTo("IngestFunction");
        assertThat(server.startEpochNanos()).isEqualTo(serverData.getStartEpochNanos());
        assertThat(server.endEpochNanos()).isEqualTo(serverData.getEndEpochNanos());
        assertThat(server.attributes()).containsEntry("http.response.status_code", "202")
                .containsEntry("http.route", "/v1/orders/{channel}").containsEntry("retry", "true")
                .containsEntry("ratio", "0.5").containsEntry("tags", "[a, b]");

        CollectedSpan send = byName.get("OrderIntakeQueue send");
        assertThat(send.kind()).isEqualTo("PRODUCER");
        assertThat(send.parentSpanId()).isEqualTo(server.spanId());
        assertThat(send.traceId()).isEqualTo(server.traceId());

        CollectedSpan process = byName.get("OrderIntakeQueue process");
        assertThat(process.kind()).isEqualTo("CONSUMER");
        assertThat(process.service()).isEqualTo("MapFunction");
        assertThat(process.parentSpanId()).isNull();
        assertThat(process.links()).containsExactly(new SpanLink(send.traceId(), send.spanId()));

        assertThat(collector.trace(server.traceId())).extracting(CollectedSpan::name)
                .containsExactlyInAnyOrder("POST /v1/orders/{channel}", "OrderIntakeQueue send");
        assertThat(TraceCollector.outline(collector.spans())).contains("IngestFunction SERVER \"POST /v1/orders");
    }

    @Test
    void keepsOnlyTheNewestSpansBeyondItsCapacity() throws Exception {
        collector.clear();
        long evictedBefore = collector.evictedSpans();
        List<SpanData> spans = recordSpans("IngestFunction", tracer -> {
            for (int i = 0; i < 7; i++) {
                tracer.spanBuilder("span " + i).startSpan().end();
            }
            return null;
        });
        assertThat(post(marshal(spans), false).statusCode()).isEqualTo(200);

        assertThat(collector.spans()).extracting(CollectedSpan::name)
                .containsExactly("span 2", "span 3", "span 4", "span 5", "span 6");
        assertThat(collector.evictedSpans() - evictedBefore).isEqualTo(2);
        assertThat(collector.trace(spans.get(0).getTraceId())).isEmpty();
        assertThat(collector.trace(spans.get(6).getTraceId())).hasSize(1);
    }

    @Test
    void refusesWhatIsNotAnOtlpProtobufTraceExport() throws Exception {
        HttpResponse<byte[]> json = HTTP.send(HttpRequest.newBuilder(URI.create(collector.endpoint() + "/v1/traces"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(json.statusCode()).isEqualTo(415);
        HttpResponse<byte[]> garbage = HTTP.send(HttpRequest.newBuilder(URI.create(collector.endpoint() + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x0a, 0x7f, 0x01})).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(garbage.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(collector.endpoint()
                        + "/v1/metrics")).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(metrics.statusCode()).isEqualTo(404);
    }

    @Test
    void awaitQuietReturnsOnceNothingArrivesForTheQuietPeriod() throws Exception {
        long started = System.nanoTime();
        assertThat(collector.awaitQuiet(Duration.ofMillis(200), Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    /** Runs {@code work} with a tracer of a provider whose resource names {@code service}; returns its spans. */
    private static List<SpanData> recordSpans(String service, Function<Tracer, SpanContext> work) {
        List<SpanData> finished = new CopyOnWriteArrayList<>();
        SpanExporter capture = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                finished.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
                .addSpanProcessor(SimpleSpanProcessor.create(capture)).build()) {
            work.apply(provider.get("test"));
        }
        return List.copyOf(finished);
    }

    private static byte[] marshal(List<SpanData> spans) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(spans).writeBinaryTo(out);
        return out.toByteArray();
    }

    private static HttpResponse<byte[]> post(byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(collector.endpoint() + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf");
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            body = zipped.toByteArray();
            request.header("Content-Encoding", "gzip");
        }
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
