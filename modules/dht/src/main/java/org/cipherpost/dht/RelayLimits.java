package org.cipherpost.dht;

/**
 * Limits a relay server enforces per client address and overall.
 *
 * @param requestsPerSecond sustained requests per second from one client address
 * @param burst requests one client address may send at once
 * @param maxConcurrent requests handled at once across all clients; more are answered 503
 * @param maxTrackedClients client addresses the rate limiter remembers (least recently seen forgotten first)
 * @param cachedPackets packets kept in memory to refuse stale puts and answer gets
 */
public record RelayLimits(int requestsPerSecond, int burst, int maxConcurrent, int maxTrackedClients,
        int cachedPackets) {
    /** Defaults for a relay serving people, not crawlers. */
    public static final RelayLimits DEFAULT = new RelayLimits(5, 20, 64, 4096, 4096);

    /**
     * Checks every limit is positive.
     *
     * @param requestsPerSecond rate per client
     * @param burst burst per client
     * @param maxConcurrent concurrency cap
     * @param maxTrackedClients tracked client cap
     * @param cachedPackets cache size
     */
    public RelayLimits {
        if (requestsPerSecond < 1 || burst < 1 || maxConcurrent < 1 || maxTrackedClients < 1 || cachedPackets < 1) {
            throw new IllegalArgumentException(String.format("Relay limits [%d, %d, %d, %d, %d] not all positive",
                    requestsPerSecond, burst, maxConcurrent, maxTrackedClients, cachedPackets));
        }
    }
}
