package dev.commercesync.runlocal.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.localstack.lambda.RuntimeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * One template function run from its deployment package, as Lambda runs it: a pool of execution environments
 * (JVM processes running AWS's runtime interface client), each behind its own local Runtime API.
 *
 * <p>Like Lambda, environments start on demand: an invocation that finds none free starts one, up to
 * {@link #maxInstances()}; beyond that invocations wait their turn. An environment whose invocation times out is
 * killed; one that dies while it holds an invocation (or after it has served one) is replaced at once, so the pool
 * keeps the size demand gave it and a redelivered message does not pay a second cold start. One that fails to
 * initialise is not replaced until work asks for it (no restart loop). Nothing runs until the first
 * {@link #invoke}.
 *
 * <p>Every process dies with this JVM: {@link #close()} stops them, a shutdown hook kills what is left, and should
 * this JVM be killed outright, an {@link OrphanReaper} outside it does.
 */
public final class LocalFunction implements FunctionInvoker, AutoCloseable {

    /** Environments for a function without a {@code MaximumConcurrency} (one behind the HTTP API). */
    public static final int DEFAULT_MAX_INSTANCES = 2;

    private static final System.Logger LOG = System.getLogger(LocalFunction.class.getName());
    /** How long an idle {@code /next} waits before it looks again whether its environment is still wanted. */
    private static final long NEXT_POLL_MILLIS = 200;
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(SECRET|PASSWORD|TOKEN|API_KEY).*");
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final FunctionDefinition definition;
    private final LaunchSettings settings;
    private final int maxInstances;
    private final Path taskRoot;
    private final Path logDirectory;
    private final Path temporaryRoot;
    private final ObjectMapper json = new ObjectMapper();
    private final LinkedBlockingDeque<PendingInvocation> waiting = new LinkedBlockingDeque<>();
    private final List<FunctionInstance> instances = new CopyOnWriteArrayList<>();
    private final List<ColdStart> coldStarts = new CopyOnWriteArrayList<>();
    private final List<Path> logFiles = new CopyOnWriteArrayList<>();
    private final AtomicInteger spawned = new AtomicInteger();
    /** Request id → when an environment took it: Lambda bills from there to the answer (usage.UsageReport). */
    private final ConcurrentMap<String, Long> runningSince = new ConcurrentHashMap<>();
    private final LongAdder invocationsEnded = new LongAdder();
    private final LongAdder billedMillis = new LongAdder();
    private final ScheduledExecutorService timeouts;
    private final Thread shutdownHook;
    private final OrphanReaper reaper;
    private volatile boolean closed;

    private LocalFunction(FunctionDefinition definition, LaunchSettings settings, Path taskRoot,
                          OrphanReaper reaper) {
        this.definition = definition;
        this.settings = settings;
        this.maxInstances = settings.maxInstances()
                .orElse(definition.maximumConcurrency().orElse(DEFAULT_MAX_INSTANCES));
        this.taskRoot = taskRoot;
        this.logDirectory = settings.stateDirectory().resolve("logs");
        this.temporaryRoot = settings.stateDirectory().resolve("tmp");
        this.timeouts = Executors.newSingleThreadScheduledExecutor(daemonThreads(definition.logicalId() + "-timeouts"));
        this.shutdownHook = new Thread(this::killAll, definition.logicalId() + "-stop");
        this.reaper = reaper;
    }

    /**
     * Unpacks the function's package (unless already unpacked from this very zip) and readies the pool; processes
     * start with the first invocations.
     */
    public static LocalFunction start(FunctionDefinition definition, LaunchSettings settings) {
        Path taskRoot = FunctionCode.unpack(definition.codeZip(),
                settings.stateDirectory().resolve("functions").resolve(definition.logicalId()));
        try {
            Files.createDirectories(settings.stateDirectory().resolve("logs"));
            Files.createDirectories(settings.stateDirectory().resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directories under " + settings.stateDirectory(), e);
        }
        LocalFunction function = new LocalFunction(definition, settings, taskRoot.toAbsolutePath(),
                OrphanReaper.start());
        Runtime.getRuntime().addShutdownHook(function.shutdownHook);
        return function;
    }

    public FunctionDefinition definition() {
        return definition;
    }

    public int maxInstances() {
        return maxInstances;
    }

    /** How its processes are launched: JVM, state directory, environment overrides. */
    public LaunchSettings settings() {
        return settings;
    }

    /** The unpacked package: Lambda's {@code /var/task}. */
    public Path taskRoot() {
        return taskRoot;
    }

    @Override
    public CompletableFuture<Invocation> invoke(String jsonPayload) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(definition.logicalId() + " is closed"));
        }
        byte[] payload = jsonPayload.getBytes(StandardCharsets.UTF_8);
        if (payload.length > RuntimeApiServer.MAX_RESPONSE_BYTES) {
            // Lambda's Invoke API refuses it (RequestEntityTooLargeException) before any environment sees it.
            return CompletableFuture.failedFuture(new IllegalArgumentException("RequestEntityTooLarge: "
                    + payload.length + " bytes exceed Lambda's " + RuntimeApiServer.MAX_RESPONSE_BYTES
                    + " for a synchronous invocation"));
        }
        PendingInvocation invocation = new PendingInvocation(UUID.randomUUID().toString(), payload, traceId(),
                new CompletableFuture<>());
        waiting.add(invocation);
        if (closed && waiting.remove(invocation)) {
            // close() drained the queue between our check and our add.
            invocation.result().completeExceptionally(new IllegalStateException(definition.logicalId()
                    + " is closed"));
        }
        scaleUp();
        return invocation.result();
    }

    /** Live environments, oldest first. */
    public List<FunctionInstance> instances() {
        return List.copyOf(instances);
    }

    /** One entry per environment that has answered at least once, in the order they did. */
    public List<ColdStart> coldStarts() {
        return List.copyOf(coldStarts);
    }

    /** The log file of every environment this function started, in start order, ended ones included. */
    public List<Path> logFiles() {
        return List.copyOf(logFiles);
    }

    /** Invocations that ended (answered, failed, timed out or crashed) and their billed time, since the start. */
    public InvocationStats invocationStats() {
        return new InvocationStats(invocationsEnded.sum(), billedMillis.sum());
    }

    /** Invocations no environment has taken yet. */
    public int waitingInvocations() {
        return (int) waiting.stream().filter(i -> !i.result().isDone()).count();
    }

    /**
     * SIGKILLs the environment's process, as an out-of-memory kill would: whatever it holds ends as
     * {@link Invocation.Crashed}, and (if it had served or held an invocation) a new environment replaces it.
     */
    public void kill(FunctionInstance instance) {
        if (!instances.contains(instance)) {
            throw new IllegalArgumentException(instance + " is not a live environment of " + definition.logicalId());
        }
        LOG.log(Level.INFO, "killing {0} (SIGKILL)", instance);
        instance.process().destroyForcibly();
    }

    /**
     * Stops every environment (SIGTERM, then SIGKILL after a grace period). Invocations not yet taken complete
     * exceptionally; one an environment holds ends as {@link Invocation.Crashed}.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (PendingInvocation invocation = waiting.poll(); invocation != null; invocation = waiting.poll()) {
            invocation.result().completeExceptionally(new IllegalStateException(definition.logicalId()
                    + " was closed before request " + invocation.requestId() + " ran"));
        }
        List<FunctionInstance> stopping = List.copyOf(instances);
        for (FunctionInstance instance : stopping) {
            instance.retire();
            instance.process().destroy();
        }
        for (FunctionInstance instance : stopping) {
            awaitExit(instance.process(), settings.stopGrace());
        }
        timeouts.shutdownNow();
        reaper.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from another shutdown hook: ours runs anyway and finds nothing left.
        }
    }

    @Override
    public String toString() {
        return "LocalFunction[" + definition.logicalId() + ", " + instances + "]";
    }

    // ------------------------------------------------------------------------------------------------- scaling

    /** Starts environments while invocations wait and fewer environments are free than there is work. */
    private synchronized void scaleUp() {
        if (closed) {
            return;
        }
        long work = waiting.stream().filter(i -> !i.result().isDone()).count();
        long free = instances.stream().filter(FunctionInstance::isFree).count();
        long live = instances.stream().filter(i -> i.state() != FunctionInstance.State.STOPPED).count();
        while (work > free && live < maxInstances) {
            try {
                spawn();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "cannot start an environment for " + definition.logicalId(), e);
                for (PendingInvocation invocation = waiting.poll(); invocation != null; invocation = waiting.poll()) {
                    invocation.result().completeExceptionally(e);
                }
                return;
            }
            free++;
            live++;
        }
    }

    private void spawn() {
        String id = definition.logicalId() + "-" + spawned.incrementAndGet();
        Path logFile = logDirectory.resolve(id + ".log");
        Path tmp = temporaryRoot.resolve(id);
        FunctionInstance instance = new FunctionInstance(id, logFile);
        RuntimeApiServer runtimeApi = RuntimeApiServer.start("", new EnvironmentBackend(instance),
                id + "-runtime-api");
        try {
            Files.createDirectories(tmp);
            Map<String, String> environment = settings.runtime().environment(definition, taskRoot, runtimeApi.port(),
                    logStreamName(), settings.endpoints(), settings.environmentOverrides());
            List<String> command = settings.runtime().command(definition.handler(), definition.memorySize(), tmp);
            Files.writeString(logFile, logHeader(id, command, environment));
            logFiles.add(logFile);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            reaper.watch(process.pid());
            instance.attach(process, runtimeApi);
            instances.add(instance);
            process.onExit().thenRun(() -> ended(instance));
            LOG.log(Level.DEBUG, "started {0} (pid {1}, Runtime API 127.0.0.1:{2})", id, process.pid(),
                    Integer.toString(runtimeApi.port()));
        } catch (IOException e) {
            runtimeApi.close();
            throw new UncheckedIOException("cannot start " + id, e);
        } catch (RuntimeException e) {
            runtimeApi.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private void timedOut(FunctionInstance instance, PendingInvocation invocation) {
        if (!instance.expire(invocation)) {
            return;
        }
        bill(invocation.requestId());
        LOG.log(Level.INFO, "{0}: {1} Task timed out after {2} seconds", instance.id(), invocation.requestId(),
                String.format(Locale.ROOT, "%.2f", definition.timeout().toMillis() / 1000.0));
        invocation.result().complete(new Invocation.Timeout(invocation.requestId(), definition.timeout()));
        instance.process().destroyForcibly();
        scaleUp();
    }

    private void ended(FunctionInstance instance) {
        Optional<PendingInvocation> held = instance.ended();
        reaper.forget(instance.process().pid());
        instance.runtimeApi().close();
        instances.remove(instance);
        String exit = describeExit(instance.process().exitValue());
        held.ifPresent(invocation -> bill(invocation.requestId()));
        held.ifPresent(invocation -> invocation.result().complete(
                new Invocation.Crashed(invocation.requestId(), "Runtime exited with error: " + exit)));
        if (!instance.hasInitialised() && !closed) {
            // Lambda fails the invocation that waited for the environment with the init error.
            PendingInvocation victim = waiting.poll();
            while (victim != null && victim.result().isDone()) {
                victim = waiting.poll();
            }
            String type = instance.initErrorType().orElse("Runtime.ExitError");
            String message = instance.initErrorMessage().orElse("Runtime exited with error: " + exit);
            LOG.log(Level.WARNING, "{0} failed to initialise ({1}: {2}); see {3}", instance.id(), type, message,
                    instance.logFile());
            if (victim != null) {
                victim.result().complete(new Invocation.FunctionError(victim.requestId(), type, message,
                        errorPayload(type, message)));
            }
        } else if (held.isPresent()) {
            LOG.log(Level.WARNING, "{0} died holding {1} ({2}); see {3}", instance.id(),
                    held.get().requestId(), exit, instance.logFile());
        }
        if (!closed) {
            boolean served = held.isPresent() || instance.hasAnswered();
            if (instance.hasInitialised() && served) {
                replace(instance);
            }
            scaleUp();
        }
    }

    private synchronized void replace(FunctionInstance dead) {
        long live = instances.stream().filter(i -> i.state() != FunctionInstance.State.STOPPED).count();
        if (closed || live >= maxInstances) {
            return;
        }
        try {
            spawn();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot replace " + dead.id(), e);
        }
    }

    /** The invocation ended: Lambda bills its duration rounded up to the next millisecond. */
    private void bill(String requestId) {
        Long since = runningSince.remove(requestId);
        if (since != null) {
            invocationsEnded.increment();
            billedMillis.add((System.nanoTime() - since + 999_999) / 1_000_000);
        }
    }

    private void killAll() {
        instances.forEach(instance -> instance.process().destroyForcibly());
    }

    private static void awaitExit(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(LaunchSettings.DEFAULT_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Lambda's wording: the JVM reports death by signal n as exit status 128 + n. */
    static String describeExit(int status) {
        return switch (status) {
            case 128 + 9 -> "signal: killed";
            case 128 + 15 -> "signal: terminated";
            case 128 + 6 -> "signal: aborted";
            case 128 + 11 -> "signal: segmentation fault";
            default -> "exit status " + status;
        };
    }

    // ------------------------------------------------------------------------------------ the Runtime API's side

    /** What one environment's Runtime API calls mean. */
    private final class EnvironmentBackend implements RuntimeApiServer.Backend {

        private final FunctionInstance instance;

        EnvironmentBackend(FunctionInstance instance) {
            this.instance = instance;
        }

        @Override
        public Optional<RuntimeApiServer.NextInvocation> awaitNext() throws InterruptedException {
            instance.initialised();
            while (!closed && instance.acceptsWork()) {
                PendingInvocation next = waiting.poll(NEXT_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next == null || next.result().isDone()) {
                    // Nothing to do, or the caller gave up on it before it ran.
                    continue;
                }
                if (!instance.take(next)) {
                    waiting.offerFirst(next);
                    return Optional.empty();
                }
                runningSince.put(next.requestId(), System.nanoTime());
                long deadline = System.currentTimeMillis() + definition.timeout().toMillis();
                ScheduledFuture<?> timer = timeouts.schedule(() -> timedOut(instance, next),
                        definition.timeout().toMillis(), TimeUnit.MILLISECONDS);
                instance.armTimeout(next, timer);
                return Optional.of(new RuntimeApiServer.NextInvocation(next.requestId(), deadline,
                        definition.invokedFunctionArn(), Optional.of(next.traceId()), next.payload()));
            }
            return Optional.empty();
        }

        @Override
        public RuntimeApiServer.Reply response(String requestId, byte[] body) {
            Optional<PendingInvocation> finished = instance.finish(requestId);
            if (finished.isEmpty()) {
                return unknownRequest(requestId);
            }
            instance.answered().ifPresent(coldStarts::add);
            bill(requestId);
            PendingInvocation invocation = finished.get();
            if (body.length > RuntimeApiServer.MAX_RESPONSE_BYTES) {
                String message = "Response payload size exceeded maximum allowed payload size ("
                        + RuntimeApiServer.MAX_RESPONSE_BYTES + " bytes).";
                invocation.result().complete(new Invocation.FunctionError(requestId,
                        "Function.ResponseSizeTooLarge", message, errorPayload("Function.ResponseSizeTooLarge",
                        message)));
                return RuntimeApiServer.Reply.rejected(413, "RequestEntityTooLarge", message);
            }
            invocation.result().complete(new Invocation.Success(requestId, new String(body, StandardCharsets.UTF_8)));
            return RuntimeApiServer.Reply.accepted();
        }

        @Override
        public RuntimeApiServer.Reply error(String requestId, Optional<String> errorTypeHeader, byte[] body) {
            Optional<PendingInvocation> finished = instance.finish(requestId);
            if (finished.isEmpty()) {
                return unknownRequest(requestId);
            }
            instance.answered().ifPresent(coldStarts::add);
            bill(requestId);
            ReportedError error = reportedError(errorTypeHeader, body);
            finished.get().result().complete(new Invocation.FunctionError(requestId, error.type(), error.message(),
                    new String(body, StandardCharsets.UTF_8)));
            return RuntimeApiServer.Reply.accepted();
        }

        @Override
        public RuntimeApiServer.Reply initError(Optional<String> errorTypeHeader, byte[] body) {
            ReportedError error = reportedError(errorTypeHeader, body);
            instance.initFailed(error.type(), error.message());
            return RuntimeApiServer.Reply.accepted();
        }

        private RuntimeApiServer.Reply unknownRequest(String requestId) {
            return RuntimeApiServer.Reply.rejected(400, "InvalidRequestID",
                    "request " + requestId + " is not in progress in " + instance.id());
        }
    }

    private record ReportedError(String type, String message) {
    }

    /** The RIC's error body ({@code errorMessage}, {@code errorType}, {@code stackTrace}), leniently. */
    private ReportedError reportedError(Optional<String> errorTypeHeader, byte[] body) {
        String type = null;
        String message = "";
        try {
            JsonNode error = json.readTree(body);
            if (error != null && error.isObject()) {
                type = error.path("errorType").isTextual() ? error.path("errorType").asText() : null;
                message = error.path("errorMessage").asText("");
            }
        } catch (IOException notJson) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        return new ReportedError(type != null ? type : errorTypeHeader.orElse("Unhandled"), message);
    }

    private String errorPayload(String type, String message) {
        return json.createObjectNode().put("errorMessage", message).put("errorType", type).toString();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** X-Ray's format: {@code Root=1-<epoch seconds hex>-<96 random bits>;Parent=<64 bits>;Sampled=0}. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + hex.toHexDigits(random.nextInt()) + hex.toHexDigits(random.nextLong())
                + ";Parent=" + hex.toHexDigits(random.nextLong()) + ";Sampled=0";
    }

    private String logStreamName() {
        return LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE) + "/[" + definition.version() + "]"
                + UUID.randomUUID().toString().replace("-", "");
    }

    private static String logHeader(String id, List<String> command, Map<String, String> environment) {
        List<String> lines = new ArrayList<>();
        lines.add("# " + id + " started " + Instant.now());
        lines.add("# command: " + String.join(" ", command));
        environment.forEach((name, value) -> lines.add("# env " + name + "="
                + (SECRET_NAME.matcher(name).matches() && !value.isEmpty() ? "****" : value)));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
