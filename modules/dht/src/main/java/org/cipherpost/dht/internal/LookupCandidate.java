package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;

/**
 * A node considered by one lookup and how far the lookup got with it; confined to the lookup's thread.
 */
final class LookupCandidate {
    /** Progress of the candidate within the lookup. */
    enum State {
        /** Known, not yet queried. */
        PENDING,
        /** Queried, answer awaited. */
        IN_FLIGHT,
        /** Answered. */
        RESPONDED,
        /** Timed out or answered with an error. */
        FAILED
    }

    private final InetSocketAddress address;
    private NodeId id;
    private State state = State.PENDING;
    private byte[] token;

    /**
     * Creates a pending candidate.
     *
     * @param address node address
     * @param id node ID, or null for a bootstrap node whose ID is not known yet
     */
    LookupCandidate(final InetSocketAddress address, final NodeId id) {
        this.address = address;
        this.id = id;
    }

    /**
     * Returns the node address.
     *
     * @return address
     */
    InetSocketAddress address() {
        return address;
    }

    /**
     * Returns the node ID.
     *
     * @return ID, or null when not known yet
     */
    NodeId id() {
        return id;
    }

    /**
     * Sets the node ID the node answered with.
     *
     * @param answered ID from the response
     */
    void id(final NodeId answered) {
        this.id = answered;
    }

    /**
     * Returns the state.
     *
     * @return state
     */
    State state() {
        return state;
    }

    /**
     * Moves to a new state.
     *
     * @param next new state
     */
    void state(final State next) {
        this.state = next;
    }

    /**
     * Returns the write token the node issued.
     *
     * @return token, or null
     */
    byte[] token() {
        return token;
    }

    /**
     * Records the write token the node issued.
     *
     * @param issued token
     */
    void token(final byte[] issued) {
        this.token = issued;
    }
}
