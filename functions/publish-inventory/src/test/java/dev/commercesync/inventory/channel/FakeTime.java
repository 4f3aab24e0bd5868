package dev.commercesync.inventory.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One fake time for a test: the pacer's nano clock, the adapters' wall clock and the pacing sleep all read and move
 * it, so rate limits are proved without waiting and without depending on how fast the machine is.
 */
public final class FakeTime {

    public static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public LongSupplier nanoTime() {
        return nanos::get;
    }

    public long nanos() {
        return nanos.get();
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Sleeps by moving the time on, and remembers each sleep. */
    public AccountPacing.Sleeper sleeper() {
        return duration -> {
            sleeps.add(duration);
            advance(duration);
        };
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return START.plusNanos(nanos.get());
            }
        };
    }

    /** A pacer on this time. */
    public AccountPacing pacing(double ratePerSecond, int burst, Duration longestWait) {
        return new AccountPacing(new CallPacer(ratePerSecond, burst, nanoTime()), longestWait, sleeper());
    }
}
