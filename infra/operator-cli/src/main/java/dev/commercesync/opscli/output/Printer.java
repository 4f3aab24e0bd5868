package dev.commercesync.opscli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Where command results go: a human rendering by default, or one JSON document with {@code --json}, so a script
 * never has to parse the tables. Notes (progress, hints) go to stderr either way.
 */
public final class Printer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    public Printer(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** The result: {@code document} as JSON with --json, else what {@code human} prints. */
    public void result(Object document, Consumer<PrintWriter> human) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the result as JSON", e);
            }
        } else {
            human.accept(out);
        }
        out.flush();
    }

    /** A line for the operator, never part of the result. */
    public void note(String line) {
        err.println(line);
        err.flush();
    }
}
