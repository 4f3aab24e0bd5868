package dev.commercesync.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Runs DynamoDB Local and ElasticMQ in this JVM, bound to 127.0.0.1, for tests and {@code ./run-local}.
 *
 * <p>Protocol with the parent process: once both emulators answer HTTP, exactly one line
 * {@code READY dynamodb=http://127.0.0.1:<port> sqs=http://127.0.0.1:<port>} goes to stdout; everything else
 * (logs) goes to stderr. The process exits on SIGTERM, or when stdin reaches end-of-file, which is how a parent that
 * died without cleaning up still stops us. Exit status 1 means the emulators could not start; the reason is on stderr.
 */
public final class EmulatorMain {

    static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private EmulatorMain() {
    }

    public static void main(String[] args) {
        EmulatorOptions options;
        try {
            options = EmulatorOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Anything a library prints to stdout would be read by the parent as protocol; keep stdout for READY only.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        var running = new RunningServers();
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "emulators-shutdown"));
        try {
            // The natives sit beside the sqlite4java jar (target/lib); sqlite4java is runtime-scoped, hence by name.
            Path nativeDir = SqliteNativeLibrary.install(
                    SqliteNativeLibrary.libDirOf(Class.forName("com.almworks.sqlite4java.SQLite")));
            running.add(() -> deleteRecursively(nativeDir));

            LocalDynamoDb dynamoDb = LocalDynamoDb.start(HOST, options.dynamoDbPort());
            running.add(dynamoDb);
            LocalSqs sqs = LocalSqs.start(HOST, options.sqsPort());
            running.add(sqs);

            URI dynamoDbEndpoint = URI.create("http://" + HOST + ":" + dynamoDb.port());
            URI sqsEndpoint = URI.create("http://" + HOST + ":" + sqs.port());
            awaitAnswer(dynamoDbEndpoint);
            awaitAnswer(sqsEndpoint);

            protocol.println("READY dynamodb=" + dynamoDbEndpoint + " sqs=" + sqsEndpoint);
            protocol.flush();
        } catch (Exception | LinkageError e) {
            LoggerFactory.getLogger(EmulatorMain.class).error("emulators failed to start", e);
            System.exit(1);
            return;
        }

        if (options.exitWhenStdinCloses()) {
            drain(System.in);
            System.err.println("stdin closed: stopping the emulators");
            // Stop before exit rather than in the shutdown hook, where Pekko can no longer register its own.
            running.close();
            System.exit(0);
        }
        // Otherwise the servers' non-daemon threads keep the JVM up until SIGTERM runs the shutdown hook.
    }

    /** Any HTTP response (DynamoDB answers a bare GET with 400) proves the server accepts and handles requests. */
    private static void awaitAnswer(URI endpoint) throws InterruptedException {
        // NO_PROXY: never let a proxy setting send emulator traffic anywhere but the loopback address.
        HttpClient client = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(endpoint + " did not answer within " + READY_TIMEOUT, last);
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input carries no commands; we only wait for end-of-file.
            }
        } catch (IOException e) {
            System.err.println("stdin failed (" + e.getMessage() + "), treating it as closed");
        }
    }

    /** What has been started, stopped in reverse order exactly once, whether by stdin, SIGTERM or a failure. */
    private static final class RunningServers {
        private final List<AutoCloseable> started = new ArrayList<>();
        private boolean closed;

        synchronized void add(AutoCloseable server) {
            started.add(server);
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("while stopping the emulators: " + e);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
