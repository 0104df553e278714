package org.cipherpost.dht.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-source token buckets: each source may send {@code burst} datagrams at once and {@code perSecond} sustained;
 * at most {@code maxSources} are tracked, the least recently seen forgotten first.
 */
final class RateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<Object, Bucket> buckets;

    /**
     * Creates a limiter.
     *
     * @param perSecond sustained rate per source
     * @param burst bucket size per source
     * @param maxSources tracked source cap
     * @param nanoTime monotonic time in nanoseconds
     */
    RateLimiter(final int perSecond, final int burst, final int maxSources, final LongSupplier nanoTime) {
        this.perNano = (double) perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(Math.min(maxSources, 1024), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<Object, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /**
     * Takes one token for a source.
     *
     * @param source source key (an address)
     * @return true when the datagram may be handled, false when it must be dropped
     */
    synchronized boolean tryAcquire(final Object source) {
        final long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket(burst, now);
            buckets.put(source, bucket);
        } else {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
            bucket.updated = now;
        }
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    /**
     * Returns how many sources are tracked.
     *
     * @return tracked sources
     */
    synchronized int trackedSources() {
        return buckets.size();
    }

    /** Tokens left for one source and when they were last refilled. */
    private static final class Bucket {
        private double tokens;
        private long updated;

        private Bucket(final double tokens, final long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
