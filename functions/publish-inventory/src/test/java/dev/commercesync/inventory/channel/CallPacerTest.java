package dev.commercesync.inventory.channel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token bucket on a clock the test moves. */
class CallPacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CallPacer pacer = new CallPacer(2.5, 5, now::get);

    @Test
    void letsABurstThroughAtOnceThenQueuesEachCallBehindTheLastAtTheRate() {
        for (int i = 0; i < 5; i++) {
            assertThat(pacer.reserve("amazon#A1", Duration.ofSeconds(2))).contains(Duration.ZERO);
        }
        assertThat(pacer.reserve("amazon#A1", Duration.ofSeconds(2))).contains(Duration.ofMillis(400));
        assertThat(pacer.reserve("amazon#A1", Duration.ofSeconds(2))).contains(Duration.ofMillis(800));
        assertThat(pacer.nextSlotIn("amazon#A1")).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void declinesASlotFurtherAwayThanTheCallerWillWaitAndReservesNothing() {
        for (int i = 0; i < 5; i++) {
            pacer.reserve("amazon#A1", Duration.ZERO);
        }
        assertThat(pacer.reserve("amazon#A1", Duration.ofMillis(399))).isEmpty();
        assertThat(pacer.reserve("amazon#A1", Duration.ofMillis(399))).isEmpty();
        // Nothing was reserved by the declined calls: the next slot is still the first one after the burst.
        assertThat(pacer.reserve("amazon#A1", Duration.ofMillis(400))).contains(Duration.ofMillis(400));
    }

    @Test
    void refillsAtTheRateUpToTheBurstAndKeepsAccountsApart() {
        for (int i = 0; i < 5; i++) {
            pacer.reserve("amazon#A1", Duration.ZERO);
        }
        assertThat(pacer.reserve("amazon#A2", Duration.ZERO)).contains(Duration.ZERO);

        now.addAndGet(Duration.ofMillis(800).toNanos()); // two tokens back
        assertThat(pacer.reserve("amazon#A1", Duration.ZERO)).contains(Duration.ZERO);
        assertThat(pacer.reserve("amazon#A1", Duration.ZERO)).contains(Duration.ZERO);
        assertThat(pacer.reserve("amazon#A1", Duration.ZERO)).isEmpty();

        now.addAndGet(Duration.ofHours(1).toNanos()); // never more than the burst
        for (int i = 0; i < 5; i++) {
            assertThat(pacer.reserve("amazon#A1", Duration.ZERO)).contains(Duration.ZERO);
        }
        assertThat(pacer.reserve("amazon#A1", Duration.ZERO)).isEmpty();
    }

    @Test
    void aClockReadingOlderThanTheLastOneAddsNothing() {
        for (int i = 0; i < 5; i++) {
            pacer.reserve("ebay#acme", Duration.ZERO);
        }
        now.addAndGet(Duration.ofMillis(400).toNanos());
        assertThat(pacer.reserve("ebay#acme", Duration.ZERO)).contains(Duration.ZERO);
        now.addAndGet(-Duration.ofMillis(200).toNanos()); // a thread that read the clock earlier arrives late
        assertThat(pacer.reserve("ebay#acme", Duration.ofSeconds(1))).contains(Duration.ofMillis(400));
    }

    @Test
    void nextSlotOfAnUnknownAccountIsNow() {
        assertThat(pacer.nextSlotIn("shopify#new.myshopify.com")).isZero();
    }

    @Test
    void refusesARateOrBurstThatCannotWork() {
        assertThatThrownBy(() -> new CallPacer(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallPacer(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallPacer(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awaitSlotSleepsForTheSlotAndDeclinesBeyondTheLongestWait() throws InterruptedException {
        CallPacer fast = new CallPacer(50, 1); // real clock: one call now, the next in 20 ms
        assertThat(fast.awaitSlot("shopify#acme", Duration.ZERO)).isTrue();
        long before = System.nanoTime();
        assertThat(fast.awaitSlot("shopify#acme", Duration.ofSeconds(1))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(15));
    }
}
