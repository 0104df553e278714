package org.cipherpost.dht.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Event counters of one node, updated from any thread.
 */
final class Counters {
    /** Datagrams received. */
    final LongAdder received = new LongAdder();

    /** Datagrams sent. */
    final LongAdder sent = new LongAdder();

    /** Datagrams dropped as malformed or oversized. */
    final LongAdder malformed = new LongAdder();

    /** Datagrams dropped by the rate limit. */
    final LongAdder rateLimited = new LongAdder();

    /** Queries answered with a response. */
    final LongAdder answered = new LongAdder();

    /** Queries answered with an error. */
    final LongAdder errorsSent = new LongAdder();

    /** Answers matching no pending request. */
    final LongAdder unmatched = new LongAdder();

    /** Requests that timed out. */
    final LongAdder timeouts = new LongAdder();
}
