package org.cipherpost.dht;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.SignedPacket;

/** A transport that stores in memory with BEP 44 rules as another implementation would (302 to an identical re-put). */
class InMemoryTransport implements PkarrTransport {
    final AtomicInteger publishes = new AtomicInteger();
    final AtomicInteger resolves = new AtomicInteger();
    private final Map<String, SignedPacket> stored = new HashMap<>();
    private volatile CountDownLatch gate;
    private volatile CountDownLatch entered;

    /** Makes the next publishes wait until {@link #open()}, signalling {@code entered} once inside. */
    void hold(final CountDownLatch enteredSignal) {
        this.entered = enteredSignal;
        this.gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    synchronized SignedPacket get(final byte[] key) {
        return stored.get(PublicKeys.toZ32(key));
    }

    @Override
    public PkarrPutResult publish(final SignedPacket packet, final OptionalLong cas) throws InterruptedException {
        publishes.incrementAndGet();
        final CountDownLatch waitFor = gate;
        if (waitFor != null) {
            entered.countDown();
            waitFor.await();
        }
        synchronized (this) {
            final SignedPacket existing = stored.get(packet.publicKeyZ32());
            if (existing != null && cas.isPresent() && cas.getAsLong() != existing.timestamp()) {
                return new PkarrPutResult(1, 0, 0, 1);
            }
            if (existing != null && existing.timestamp() >= packet.timestamp()) {
                return new PkarrPutResult(1, 0, 1, 0);
            }
            stored.put(packet.publicKeyZ32(), packet);
            return new PkarrPutResult(1, 1, 0, 0);
        }
    }

    @Override
    public synchronized PkarrResolution resolve(final byte[] publicKey) {
        resolves.incrementAndGet();
        final SignedPacket packet = stored.get(PublicKeys.toZ32(publicKey));
        return new PkarrResolution(Optional.ofNullable(packet), 1, packet == null ? 0 : 1);
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
