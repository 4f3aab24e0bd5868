package dev.commercesync.pipeline.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EMF documents a function wrote to standard output while this capture was open: {@code System.out} is teed (the
 * output still shows), and every line that is an EMF document (a JSON object with {@code _aws.CloudWatchMetrics}) is
 * kept. For function tests: {@code try (EmfCapture emf = EmfCapture.standardOutput()) { ...run the handler... }}.
 * Also an {@link EmfSink} for unit tests of code given a {@link BusinessMetrics} by hand.
 */
public final class EmfCapture implements EmfSink, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private final PrintStream original;
    private final ByteArrayOutputStream pendingLine = new ByteArrayOutputStream();

    private EmfCapture(PrintStream original) {
        this.original = original;
    }

    /** A sink that keeps what it is given; nothing is teed. */
    public static EmfCapture sink() {
        return new EmfCapture(null);
    }

    /** Tees {@code System.out} until {@link #close()}. */
    public static EmfCapture standardOutput() {
        EmfCapture capture = new EmfCapture(System.out);
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                capture.original.write(b);
                capture.take(b);
            }
        }, true, StandardCharsets.UTF_8));
        return capture;
    }

    @Override
    public synchronized void write(String document) {
        lines.add(document);
    }

    private synchronized void take(int b) {
        if (b == '\n') {
            lines.add(pendingLine.toString(StandardCharsets.UTF_8).strip());
            pendingLine.reset();
        } else {
            pendingLine.write(b);
        }
    }

    /** Every EMF document written so far, in order. */
    public synchronized List<JsonNode> documents() {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("{") || !line.contains("\"CloudWatchMetrics\"")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node.path("_aws").has("CloudWatchMetrics")) {
                    documents.add(node);
                }
            } catch (IOException notJson) {
                // some other line that happens to mention the word
            }
        }
        return documents;
    }

    /** The documents that carry {@code metric} (by its CloudWatch name). */
    public List<JsonNode> documentsWith(String metric) {
        return documents().stream().filter(d -> definition(d, metric) != null).toList();
    }

    /** Every value of {@code metric} in documents whose dimension values include {@code dimensions}. */
    public List<Double> values(String metric, Map<String, String> dimensions) {
        List<Double> values = new ArrayList<>();
        for (JsonNode document : documentsWith(metric)) {
            boolean matches = dimensions.entrySet().stream()
                    .allMatch(d -> d.getValue().equals(document.path(d.getKey()).asText(null)));
            if (!matches) {
                continue;
            }
            JsonNode value = document.get(metric);
            if (value.isArray()) {
                value.forEach(v -> values.add(v.asDouble()));
            } else {
                values.add(value.asDouble());
            }
        }
        return values;
    }

    /** The dimension sets (as sets of dimension names) of the documents carrying {@code metric}. */
    public Set<Set<String>> dimensionSets(String metric) {
        Set<Set<String>> sets = new HashSet<>();
        for (JsonNode document : documentsWith(metric)) {
            for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
                if (definitionIn(directive, metric) != null) {
                    for (JsonNode set : directive.path("Dimensions")) {
                        Set<String> names = new HashSet<>();
                        set.forEach(name -> names.add(name.asText()));
                        sets.add(names);
                    }
                }
            }
        }
        return sets;
    }

    /** The unit {@code metric} is declared with, or null when no document carries it. */
    public String unit(String metric) {
        return documentsWith(metric).stream().map(d -> definition(d, metric).path("Unit").asText())
                .findFirst().orElse(null);
    }

    private static JsonNode definition(JsonNode document, String metric) {
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            JsonNode found = definitionIn(directive, metric);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static JsonNode definitionIn(JsonNode directive, String metric) {
        for (JsonNode definition : directive.path("Metrics")) {
            if (metric.equals(definition.path("Name").asText())) {
                return definition;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (original != null) {
            System.out.flush();
            System.setOut(original);
        }
    }
}
