package dev.commercesync.runlocal.bench;

import dev.commercesync.runlocal.demo.Delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts deliveries at a fixed rate whatever the answers take (open loop): request i leaves at start + i / rate,
 * without waiting for earlier answers, so a slow ingest shows as latency and backlog instead of quietly lowering the
 * rate. An order counts as accepted when its 202 arrives; that instant starts its latency.
 */
final class OpenLoopLoad {

    /**
     * What one load window did.
     *
     * @param lastSent  when the last request left: the end of the load window
     * @param answerMs  per answered request, send → answer in ms: ingest's own queueing, which the backlog does not
     *                  see (requests wait in front of ingest, not on a queue)
     */
    record Result(long sent, Map<String, Instant> acceptedAt, long refused, Duration lateness, Instant lastSent,
                  List<Long> answerMs) {
    }

    private static final Duration ANSWER_PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;

    OpenLoopLoad(URI api) {
        this.api = api;
    }

    Result send(List<Delivery> deliveries, double rate) throws InterruptedException {
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        AtomicLong refused = new AtomicLong();
        List<Long> answerMs = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        long intervalNanos = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        long worstLateness = 0;
        Instant lastSent = Instant.now();
        for (int i = 0; i < deliveries.size(); i++) {
            long due = start + i * intervalNanos;
            LockSupport.parkNanos(due - System.nanoTime());
            worstLateness = Math.max(worstLateness, System.nanoTime() - due);
            Delivery delivery = deliveries.get(i);
            lastSent = Instant.now();
            long sentNanos = System.nanoTime();
            answers.add(http.sendAsync(delivery.request(api), HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        answerMs.add((System.nanoTime() - sentNanos) / 1_000_000);
                        if (response != null && response.statusCode() == 202) {
                            accepted.put(delivery.orderKey(), Instant.now());
                        } else {
                            refused.incrementAndGet();
                        }
                        return null;
                    }));
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(ANSWER_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Counted below: what has no answer is neither accepted nor refused yet, and is reported as not accepted.
        }
        return new Result(deliveries.size(), Map.copyOf(accepted), refused.get(), Duration.ofNanos(worstLateness),
                lastSent, List.copyOf(answerMs));
    }
}
