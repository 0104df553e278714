package org.cipherpost.dht.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cipherpost.wire.SignedPacket;

/**
 * The most recent verified packet seen per key, least recently used evicted past a capacity.
 */
final class PacketCache {
    private final Map<String, SignedPacket> packets;

    /**
     * Creates an empty cache.
     *
     * @param capacity largest number of keys
     */
    PacketCache(final int capacity) {
        this.packets = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, SignedPacket> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Returns the packet held for a key.
     *
     * @param z32 key in z-base-32
     * @return packet, or null
     */
    synchronized SignedPacket get(final String z32) {
        return packets.get(z32);
    }

    /**
     * Keeps a packet unless a more recent one of its key is held.
     *
     * @param packet verified packet
     * @return the packet held afterwards
     */
    synchronized SignedPacket offer(final SignedPacket packet) {
        return packets.merge(packet.publicKeyZ32(), packet,
                (existing, offered) -> offered.moreRecentThan(existing) ? offered : existing);
    }
}
