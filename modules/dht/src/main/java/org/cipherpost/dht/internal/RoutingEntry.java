package org.cipherpost.dht.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * One node in the routing table and what we know of its liveness; guarded by the table's lock.
 */
final class RoutingEntry {
    /** How long a node stays good after it was last heard from (BEP 5). */
    static final Duration GOOD_WINDOW = Duration.ofMinutes(15);

    /** Failed queries in a row after which a node is bad. */
    static final int BAD_FAILURES = 2;

    private Contact contact;
    private Instant lastResponse;
    private Instant lastQuery;
    private int failures;

    /**
     * Creates an entry for a node just heard from.
     *
     * @param contact node
     * @param responded true when it answered one of our queries, false when it queried us
     * @param now current time
     */
    RoutingEntry(final Contact contact, final boolean responded, final Instant now) {
        this.contact = contact;
        heard(responded, now);
    }

    /**
     * Returns the node.
     *
     * @return contact
     */
    Contact contact() {
        return contact;
    }

    /**
     * Moves the node to a new address.
     *
     * @param moved contact with the same ID and a new address
     */
    void moveTo(final Contact moved) {
        this.contact = moved;
    }

    /**
     * Records that the node answered us or queried us.
     *
     * @param responded true for an answer, false for a query
     * @param now current time
     */
    void heard(final boolean responded, final Instant now) {
        if (responded) {
            lastResponse = now;
            failures = 0;
        } else {
            lastQuery = now;
        }
    }

    /**
     * Records a query the node did not answer.
     */
    void failed() {
        failures++;
    }

    /**
     * Returns the most recent time the node was heard from.
     *
     * @return last response or query, whichever is later
     */
    Instant lastHeard() {
        if (lastResponse == null) {
            return lastQuery;
        }
        return lastQuery == null || lastResponse.isAfter(lastQuery) ? lastResponse : lastQuery;
    }

    /**
     * Classifies the node at a given time.
     *
     * @param now current time
     * @return good, questionable or bad
     */
    Liveness liveness(final Instant now) {
        if (failures >= BAD_FAILURES) {
            return Liveness.BAD;
        }
        if (lastResponse != null) {
            final Instant cutoff = now.minus(GOOD_WINDOW);
            if (lastResponse.isAfter(cutoff) || lastQuery != null && lastQuery.isAfter(cutoff)) {
                return Liveness.GOOD;
            }
        }
        return Liveness.QUESTIONABLE;
    }
}
