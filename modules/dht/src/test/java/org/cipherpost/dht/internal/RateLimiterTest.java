package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-source token buckets driven by a fake clock. */
class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void burstThenSustainedRatePerSource() {
        final RateLimiter limiter = new RateLimiter(10, 5, 100, nanos::get);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("a"));
        }
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"), "other sources keep their own bucket");
        nanos.addAndGet(100_000_000L);
        assertTrue(limiter.tryAcquire("a"), "one token per 100 ms at 10/s");
        assertFalse(limiter.tryAcquire("a"));
        nanos.addAndGet(10_000_000_000L);
        int granted = 0;
        while (limiter.tryAcquire("a")) {
            granted++;
        }
        assertEquals(5, granted, "refill stops at the burst size");
    }

    @Test
    void trackedSourcesAreCapped() {
        final RateLimiter limiter = new RateLimiter(1, 1, 10, nanos::get);
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire(i);
        }
        assertEquals(10, limiter.trackedSources());
    }
}
