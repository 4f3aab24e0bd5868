package dev.commercesync.runlocal;

import dev.commercesync.runlocal.peak.PeakSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the stack once a second while the demo runs an ERP-bound peak: every queue's counts and the oldest and
 * stuck {@code PENDING_ERP} orders, what CloudWatch and the watchdog would see (see {@link PeakSample}). One daemon
 * thread; a sample that fails is skipped, never the demo.
 */
final class PeakWatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PeakWatch.class.getName());
    private static final String PENDING_ERP = "PENDING_ERP";

    private final LocalStack stack;
    private final StackState state;
    private final Duration stuckAfter;
    private final List<PeakSample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "peak-watch");
        thread.setDaemon(true);
        return thread;
    });

    /** @param stuckAfter the template's {@code PendingErpAlarmMinutes}: when the watchdog counts an order stuck */
    private PeakWatch(LocalStack stack, Duration stuckAfter) {
        this.stack = stack;
        this.state = new StackState(stack);
        this.stuckAfter = stuckAfter;
    }

    static PeakWatch start(LocalStack stack, Duration every) {
        Duration stuckAfter = Duration.ofMinutes(Long.parseLong(stack.stack().template()
                .parameterValue("PendingErpAlarmMinutes").orElse("15")));
        PeakWatch watch = new PeakWatch(stack, stuckAfter);
        watch.timer.scheduleAtFixedRate(watch::sampleQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Stops sampling and hands over what was sampled, in time order. */
    List<PeakSample> stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void sampleQuietly() {
        try {
            PeakSample sample = sample();
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "peak sample skipped: " + e);
        }
    }

    private PeakSample sample() {
        Instant now = Instant.now();
        Map<String, Long> visible = new HashMap<>();
        Map<String, Long> inFlight = new HashMap<>();
        state.queueCounts().forEach((queue, counts) -> {
            visible.put(queue, counts.visible());
            inFlight.put(queue, counts.notVisible() + counts.delayed());
        });
        Optional<Duration> oldest = state.oldestUpdatedAt(PENDING_ERP).map(at -> Duration.between(at, now))
                .map(age -> age.isNegative() ? Duration.ZERO : age);
        long stuck = state.countUpdatedBefore(PENDING_ERP, now.minus(stuckAfter));
        long documents = stack.erp().map(erp -> (long) erp.documents().size()).orElse(0L);
        return new PeakSample(now, visible, inFlight, oldest, stuck, documents);
    }
}
