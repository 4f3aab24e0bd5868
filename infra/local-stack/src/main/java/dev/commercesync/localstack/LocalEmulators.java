package dev.commercesync.localstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts DynamoDB Local and ElasticMQ as a child JVM ({@code infra/emulators}), never in-process: their AWS SDK,
 * Jetty and Scala versions must not meet the Quarkus classpath of the tests that use them.
 *
 * <p>The child listens on 127.0.0.1 only, on ports the OS picks, and exits when our end of its stdin closes, so it
 * does not outlive this JVM even if this JVM is killed without running shutdown hooks.
 */
public final class LocalEmulators {

    static final String MAIN_CLASS = "dev.commercesync.emulators.EmulatorMain";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    // Small and quick to start: two in-memory emulators serving one test run, on a 2-core machine.
    private static final List<String> CHILD_JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");

    private LocalEmulators() {
    }

    /**
     * Starts the emulators, logging to {@code target/emulators.log} under the working directory when that
     * directory has a {@code target} (the module under test in Maven), else to this process's stderr.
     */
    public static RunningEmulators start(Path repoRoot) {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        return start(repoRoot, Files.isDirectory(target) ? Optional.of(target.resolve("emulators.log"))
                : Optional.empty());
    }

    /** Starts the emulators, appending their log to {@code logFile}, or to this process's stderr if empty. */
    public static RunningEmulators start(Path repoRoot, Optional<Path> logFile) {
        Path emulators = repoRoot.resolve("infra/emulators/target");
        Path jar = emulators.resolve("emulators.jar");
        Path lib = emulators.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("the emulators are not built (" + jar + " or " + lib + " missing): run "
                    + "./mvnw install -pl infra/emulators");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(CHILD_JVM_OPTIONS);
        command.add("-cp");
        // The launcher expands lib/* itself; no shell is involved.
        command.add(jar + File.pathSeparator + lib.resolve("*"));
        command.add(MAIN_CLASS);

        ProcessBuilder builder = new ProcessBuilder(command).directory(emulators.toFile());
        if (logFile.isPresent()) {
            try {
                Files.createDirectories(logFile.get().toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of " + logFile.get(), e);
            }
            builder.redirectError(ProcessBuilder.Redirect.appendTo(logFile.get().toFile()));
        } else {
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        }

        long startedAt = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        // Hook first: from here on, a JVM exit must take the child with it.
        RunningEmulators running = new RunningEmulators(process, logFile);
        Map<String, URI> endpoints = awaitReady(process, running, logFile);
        running.ready(endpoints.get("dynamodb"), endpoints.get("sqs"),
                Duration.ofNanos(System.nanoTime() - startedAt));
        return running;
    }

    private static Map<String, URI> awaitReady(Process process, RunningEmulators running, Optional<Path> logFile) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (!ready.isDone() && line.startsWith("READY ")) {
                        ready.complete(line);
                    } else {
                        // The child keeps stdout for READY; anything else is unexpected, so make it visible.
                        System.err.println("[emulators] " + line);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the emulator process ended (exit status "
                    + exitStatus(process) + ") without reporting READY"));
        }, "emulators-stdout");
        reader.setDaemon(true);
        reader.start();

        try {
            return parseReady(ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            running.close();
            throw new IllegalStateException("the emulators did not report READY within " + READY_TIMEOUT
                    + logHint(logFile), e);
        } catch (ExecutionException e) {
            running.close();
            throw new IllegalStateException("the emulators failed to start: " + e.getCause().getMessage()
                    + logHint(logFile), e.getCause());
        } catch (InterruptedException e) {
            running.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the emulators", e);
        }
    }

    /** {@code READY dynamodb=http://127.0.0.1:p1 sqs=http://127.0.0.1:p2} to {dynamodb: ..., sqs: ...}. */
    static Map<String, URI> parseReady(String line) {
        Map<String, URI> endpoints = new HashMap<>();
        for (String part : line.substring("READY ".length()).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                endpoints.put(part.substring(0, eq), URI.create(part.substring(eq + 1)));
            }
        }
        for (String expected : List.of("dynamodb", "sqs")) {
            URI endpoint = endpoints.get(expected);
            if (endpoint == null || !"127.0.0.1".equals(endpoint.getHost())) {
                throw new IllegalStateException("unexpected READY line from the emulators: " + line);
            }
        }
        return endpoints;
    }

    private static Path javaExecutable() {
        // The JVM running us: same version and vendor as the one that built the emulators' classpath checks.
        Path fromHome = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome;
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IllegalStateException("cannot find the java executable to run the emulators"));
    }

    private static String exitStatus(Process process) {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String logHint(Optional<Path> logFile) {
        return logFile.map(f -> "; see " + f.toAbsolutePath()).orElse("; see the output above");
    }
}
