package org.cipherpost.dht;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.cipherpost.dht.internal.PkarrFactory;
import org.cipherpost.wire.SignedPacket;

/**
 * Keeps long-lived packets on the DHT: DHT nodes drop an item two hours after its last put, so a long-running
 * process tracks its packets here and lets a scheduler renew them, by default every hour.
 */
public interface Republisher {
    /** Default time between renewals: half the DHT's two-hour item lifetime. */
    Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    /** Longest interval accepted: items live two hours after their last put. */
    Duration MAX_INTERVAL = Duration.ofMinutes(110);

    /**
     * Returns a republisher storing through a client.
     *
     * @param client PKARR client
     * @return republisher tracking nothing yet
     */
    static Republisher create(final PkarrClient client) {
        return PkarrFactory.republisher(client);
    }

    /**
     * Tracks a packet; a packet of a key already tracked is replaced only by a more recent one.
     *
     * @param packet signed packet
     */
    void track(SignedPacket packet);

    /**
     * Stops renewing a key's packet.
     *
     * @param publicKey 32-byte public key
     * @return true when the key was tracked
     */
    boolean untrack(byte[] publicKey);

    /**
     * Returns the tracked packets (after renewals, the most recent ones seen on the network).
     *
     * @return packets, one per key
     */
    List<SignedPacket> tracked();

    /**
     * Renews every tracked packet once, now; a failure for one key does not stop the others.
     *
     * @return one outcome per tracked key
     * @throws InterruptedException when interrupted between keys
     */
    List<RepublishOutcome> republishNow() throws InterruptedException;

    /**
     * Schedules {@link #republishNow()} at a fixed delay on the caller's scheduler, first run after one interval.
     *
     * @param scheduler scheduler owned by the caller
     * @param interval time between runs, at most {@link #MAX_INTERVAL}
     * @return handle to cancel the schedule
     */
    ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, Duration interval);
}
