package dev.commercesync.pipeline.metrics;

/**
 * Where EMF documents go: one JSON document per line. In Lambda that is standard output, which Lambda ships to the
 * function's log group, where CloudWatch turns the documents into metrics; no network, no agent, no permission.
 */
@FunctionalInterface
public interface EmfSink {

    void write(String document);

    /**
     * Standard output, looked up at each write (not bound once), so a test that swaps {@code System.out} sees the
     * documents of the functions it runs.
     */
    static EmfSink standardOutput() {
        return document -> System.out.println(document);
    }
}
