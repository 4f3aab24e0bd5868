package dev.commercesync.runlocal.lambda;

import dev.commercesync.localstack.lambda.RuntimeApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One execution environment of a {@link LocalFunction}: a JVM running the RIC against its own Runtime API. The
 * public methods are a read-only view for status pages and fault-injection tests; the pool drives the rest.
 */
public final class FunctionInstance {

    /** Where the environment is in its lifecycle. */
    public enum State {
        /** Spawned, not yet asking for work (Lambda's init phase). */
        STARTING,
        /** Waiting in {@code GET /invocation/next}. */
        IDLE,
        /** Holding an invocation. */
        BUSY,
        /** Its process has ended or is being ended. */
        STOPPED
    }

    private final String id;
    private final long spawnedNanos;
    private final Instant spawnedAt;
    private final Path logFile;
    private volatile Process process;
    private volatile RuntimeApiServer runtimeApi;

    // Guarded by this.
    private PendingInvocation current;
    private ScheduledFuture<?> timeoutTask;
    private boolean retiring;
    private boolean ended;
    private Duration init;
    private long firstDispatchNanos;
    private boolean answered;
    private String initErrorType;
    private String initErrorMessage;

    FunctionInstance(String id, Path logFile) {
        this.id = id;
        this.logFile = logFile;
        this.spawnedNanos = System.nanoTime();
        this.spawnedAt = Instant.now();
    }

    /** {@code <LogicalId>-<n>}, n counting every process the function has had. */
    public String id() {
        return id;
    }

    public long pid() {
        return process.pid();
    }

    public Instant spawnedAt() {
        return spawnedAt;
    }

    /** Its stdout and stderr (Lambda's CloudWatch log stream). */
    public Path logFile() {
        return logFile;
    }

    public synchronized State state() {
        if (ended || retiring) {
            return State.STOPPED;
        }
        if (current != null) {
            return State.BUSY;
        }
        return init == null ? State.STARTING : State.IDLE;
    }

    /** The request it is working on, if any. */
    public synchronized Optional<String> currentRequestId() {
        return Optional.ofNullable(current).map(PendingInvocation::requestId);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public String toString() {
        return id + "[" + state() + (process == null ? "" : ", pid " + process.pid()) + "]";
    }

    // ------------------------------------------------------------------------------------------ driven by the pool

    void attach(Process process, RuntimeApiServer runtimeApi) {
        this.process = process;
        this.runtimeApi = runtimeApi;
    }

    Process process() {
        return process;
    }

    RuntimeApiServer runtimeApi() {
        return runtimeApi;
    }

    /** First {@code /next}: the init phase is over. */
    synchronized void initialised() {
        if (init == null) {
            init = Duration.ofNanos(System.nanoTime() - spawnedNanos);
        }
    }

    synchronized boolean hasInitialised() {
        return init != null;
    }

    /** Whether it may still be given work. */
    synchronized boolean acceptsWork() {
        return !retiring && !ended && process != null && process.isAlive();
    }

    /** Counts as capacity for queued work: starting or idle, and not on its way out. */
    synchronized boolean isFree() {
        return current == null && !retiring && !ended;
    }

    synchronized boolean take(PendingInvocation invocation) {
        if (!acceptsWork() || current != null) {
            return false;
        }
        current = invocation;
        if (firstDispatchNanos == 0) {
            firstDispatchNanos = System.nanoTime();
        }
        return true;
    }

    /** Starts the clock on an invocation it took; a no-op if the invocation already ended. */
    synchronized void armTimeout(PendingInvocation invocation, ScheduledFuture<?> timeout) {
        if (current == invocation) {
            timeoutTask = timeout;
        } else {
            timeout.cancel(false);
        }
    }

    /** Ends the current invocation if it is {@code requestId}; empty if the request is not (or no longer) here. */
    synchronized Optional<PendingInvocation> finish(String requestId) {
        if (current == null || !current.requestId().equals(requestId)) {
            return Optional.empty();
        }
        PendingInvocation finished = current;
        current = null;
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
        return Optional.of(finished);
    }

    /** The invocation timed out: it leaves, and so does this environment. */
    synchronized boolean expire(PendingInvocation invocation) {
        if (current != invocation) {
            return false;
        }
        current = null;
        timeoutTask = null;
        retiring = true;
        return true;
    }

    synchronized void retire() {
        retiring = true;
    }

    /** The process is gone: what it held, if anything. */
    synchronized Optional<PendingInvocation> ended() {
        ended = true;
        PendingInvocation held = current;
        current = null;
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
        return Optional.ofNullable(held);
    }

    /**
     * The first answer of this environment, as a cold start (init, then the first invocation's own time: an
     * environment started ahead of demand is not charged for waiting); empty for every later answer.
     */
    synchronized Optional<ColdStart> answered() {
        if (answered) {
            return Optional.empty();
        }
        answered = true;
        long now = System.nanoTime();
        Duration initDuration = init == null ? Duration.ofNanos(now - spawnedNanos) : init;
        Duration firstInvocation = Duration.ofNanos(now - (firstDispatchNanos == 0 ? now : firstDispatchNanos));
        return Optional.of(new ColdStart(id, initDuration, initDuration.plus(firstInvocation)));
    }

    synchronized boolean hasAnswered() {
        return answered;
    }

    synchronized void initFailed(String errorType, String errorMessage) {
        this.initErrorType = errorType;
        this.initErrorMessage = errorMessage;
    }

    synchronized Optional<String> initErrorType() {
        return Optional.ofNullable(initErrorType);
    }

    synchronized Optional<String> initErrorMessage() {
        return Optional.ofNullable(initErrorMessage);
    }
}
