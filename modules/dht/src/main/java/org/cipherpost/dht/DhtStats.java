package org.cipherpost.dht;

/**
 * Counters of one node since it started, for diagnostics and tests.
 *
 * @param received datagrams received
 * @param sent datagrams sent
 * @param malformed datagrams dropped as malformed or oversized
 * @param rateLimited datagrams dropped by the per-source rate limit
 * @param queriesAnswered queries answered with a response
 * @param errorsSent queries answered with a KRPC error
 * @param unmatched responses and errors that matched no pending request
 * @param timeouts requests that received no answer in time
 * @param routingTableSize nodes in the routing table now
 * @param storedItems BEP 44 items stored now
 * @param pendingRequests requests awaiting an answer now
 */
public record DhtStats(long received, long sent, long malformed, long rateLimited, long queriesAnswered,
        long errorsSent, long unmatched, long timeouts, int routingTableSize, int storedItems, int pendingRequests) {
}
