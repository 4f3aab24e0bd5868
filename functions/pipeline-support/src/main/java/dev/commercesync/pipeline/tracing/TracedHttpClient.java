package dev.commercesync.pipeline.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The JDK's HTTP client with one CLIENT span per request, after the OpenTelemetry HTTP semantic conventions, and the
 * W3C {@code traceparent} of that span on the request, so the server's spans (the ERP's, a marketplace's) are its
 * children. Shared by the ERP gateway and the marketplace adapters; the JDK client has no instrumentation of its own.
 */
public final class TracedHttpClient {

    private final HttpClient client;
    private final MessageTracing tracing;

    public TracedHttpClient(HttpClient client, MessageTracing tracing) {
        this.client = client;
        this.tracing = tracing;
    }

    /** As {@link #send(HttpRequest, HttpResponse.BodyHandler, String)}, the span named by the method alone. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return send(request, body, null);
    }

    /**
     * Sends the request inside a CLIENT span. An answer of 400 or more, or no answer, marks the span failed
     * ({@code error.type} the status or the exception's class); what the caller makes of it is the caller's business.
     *
     * @param urlTemplate the path with its variable parts named ({@code /sales-orders/{documentId}}), which names the
     *                    span {@code PUT /sales-orders/{documentId}}; null names it by the method alone
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, String urlTemplate)
            throws IOException, InterruptedException {
        URI uri = request.uri();
        SpanBuilder builder = tracing.tracer()
                .spanBuilder(urlTemplate == null ? request.method() : request.method() + " " + urlTemplate)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", request.method())
                .setAttribute("url.full", withoutQueryOrCredentials(uri))
                .setAttribute("server.address", uri.getHost())
                .setAttribute("server.port", (long) port(uri));
        if (urlTemplate != null) {
            builder.setAttribute("url.template", urlTemplate);
        }
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            HttpResponse<T> response = client.send(withTraceContext(request, tracing.currentContextHeaders()), body);
            int status = response.statusCode();
            span.setAttribute("http.response.status_code", (long) status);
            if (status >= 400) {
                span.setAttribute("error.type", Integer.toString(status));
                span.setStatus(StatusCode.ERROR);
            }
            return response;
        } catch (IOException | InterruptedException | RuntimeException e) {
            MessageTracing.recordFailure(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The request as built, its trace headers replaced by the span's (a caller may have set older ones). */
    static HttpRequest withTraceContext(HttpRequest request, Map<String, String> traceHeaders) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> !isTraceHeader(name));
        traceHeaders.forEach(copy::header);
        return copy.build();
    }

    private static boolean isTraceHeader(String name) {
        return name.equalsIgnoreCase("traceparent") || name.equalsIgnoreCase("tracestate");
    }

    /**
     * {@code url.full} without the query (filters carry order references, OAuth token calls could carry codes),
     * the fragment or any user info: span attributes are exported to wherever the collector sends them.
     */
    static String withoutQueryOrCredentials(URI uri) {
        StringBuilder url = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            url.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        url.append(path == null || path.isEmpty() ? "/" : path);
        return url.toString();
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
