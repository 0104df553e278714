package org.cipherpost.dht;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move forward by hand. */
final class TestClock implements InstantSource {
    private final AtomicReference<Instant> now;

    /**
     * Creates a clock at a fixed instant.
     *
     * @param start initial time
     */
    TestClock(final Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /**
     * Moves the clock forward.
     *
     * @param step how far
     */
    void advance(final Duration step) {
        now.updateAndGet(current -> current.plus(step));
    }
}
