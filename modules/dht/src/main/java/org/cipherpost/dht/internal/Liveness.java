package org.cipherpost.dht.internal;

/**
 * BEP 5 node states: good nodes answered recently, bad ones failed several queries in a row.
 */
enum Liveness {
    /** Answered one of our queries within 15 minutes, or answered once and queried us within 15 minutes. */
    GOOD,
    /** Inactive for 15 minutes, or never answered us yet. */
    QUESTIONABLE,
    /** Failed to answer several queries in a row. */
    BAD
}
