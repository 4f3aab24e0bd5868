package dev.commercesync.inventory.channel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenCacheTest {

    private final FakeTime time = new FakeTime();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AccessTokenCache cache = new AccessTokenCache(account -> new AccessTokenCache.IssuedToken(
            account + "-token-" + fetches.incrementAndGet(), Duration.ofHours(1)), time.clock());

    @Test
    void keepsATokenUntilAMinuteBeforeItExpires() {
        assertThat(cache.token("A1")).isEqualTo("A1-token-1");
        time.advance(Duration.ofMinutes(58).plusSeconds(59));
        assertThat(cache.token("A1")).isEqualTo("A1-token-1");
        time.advance(Duration.ofSeconds(1));
        assertThat(cache.token("A1")).isEqualTo("A1-token-2");
        assertThat(cache.token("A2")).isEqualTo("A2-token-3");
    }

    @Test
    void invalidatingDropsOnlyTheRefusedToken() {
        String first = cache.token("A1");
        cache.invalidate("A1", first);
        String second = cache.token("A1");
        assertThat(second).isEqualTo("A1-token-2");
        cache.invalidate("A1", first); // a late refusal of the old token keeps the new one
        assertThat(cache.token("A1")).isEqualTo(second);
    }

    @Test
    void concurrentCallersOfOneAccountShareOneExchange() throws Exception {
        CountDownLatch inExchange = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowFetches = new AtomicInteger();
        AccessTokenCache slow = new AccessTokenCache(account -> {
            slowFetches.incrementAndGet();
            inExchange.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new AccessTokenCache.IssuedToken("shared", Duration.ofHours(1));
        }, time.clock());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tokens.add(pool.submit(() -> slow.token("A1")));
            }
            assertThat(inExchange.await(5, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> token : tokens) {
                assertThat(token.get(5, TimeUnit.SECONDS)).isEqualTo("shared");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(slowFetches).hasValue(1);
    }

    @Test
    void neverPrintsAToken() {
        assertThat(new AccessTokenCache.IssuedToken("Atza|secret", Duration.ofHours(1)).toString())
                .doesNotContain("Atza|secret");
    }
}
