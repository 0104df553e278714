package org.cipherpost.dht.internal;

import java.io.IOException;
import java.security.SignatureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrPublication;
import org.cipherpost.dht.RepublishOutcome;
import org.cipherpost.dht.Republisher;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.SignedPacket;

/**
 * Tracks one packet per key and renews each through {@link PkarrClient#republish(SignedPacket)}, adopting a more
 * recent packet of the key when the network holds one.
 */
final class StandardRepublisher implements Republisher {
    private final PkarrClient client;
    private final Map<String, SignedPacket> packets = new LinkedHashMap<>();

    /**
     * Creates a republisher.
     *
     * @param client client to store through
     */
    StandardRepublisher(final PkarrClient client) {
        this.client = Objects.requireNonNull(client, "PKARR client required");
    }

    @Override
    public synchronized void track(final SignedPacket packet) {
        Objects.requireNonNull(packet, "Signed packet required");
        packets.merge(packet.publicKeyZ32(), packet,
                (existing, offered) -> offered.moreRecentThan(existing) ? offered : existing);
    }

    @Override
    public synchronized boolean untrack(final byte[] publicKey) {
        return packets.remove(PublicKeys.toZ32(publicKey)) != null;
    }

    @Override
    public synchronized List<SignedPacket> tracked() {
        return List.copyOf(packets.values());
    }

    @Override
    public List<RepublishOutcome> republishNow() throws InterruptedException {
        final List<RepublishOutcome> outcomes = new ArrayList<>();
        for (final SignedPacket packet : tracked()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("Republish interrupted");
            }
            try {
                final PkarrPublication publication = client.republish(packet);
                track(publication.packet());
                outcomes.add(new RepublishOutcome(packet.publicKeyZ32(), Optional.of(publication), Optional.empty()));
            } catch (final IOException | SignatureException | RuntimeException e) {
                outcomes.add(new RepublishOutcome(packet.publicKeyZ32(), Optional.empty(), Optional.of(e)));
            }
        }
        return List.copyOf(outcomes);
    }

    @Override
    public ScheduledFuture<?> schedule(final ScheduledExecutorService scheduler, final Duration interval) {
        Objects.requireNonNull(scheduler, "Scheduler required");
        Objects.requireNonNull(interval, "Interval required");
        if (interval.isNegative() || interval.isZero() || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException(String.format("Republish interval [%s] not in (0, %s]", interval,
                    MAX_INTERVAL));
        }
        final long millis = interval.toMillis();
        return scheduler.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            republishNow();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Republisher[" + tracked().size() + " packets]";
    }
}
