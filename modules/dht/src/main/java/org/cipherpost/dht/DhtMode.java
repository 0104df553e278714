package org.cipherpost.dht;

/**
 * How a node takes part in the Mainline DHT.
 */
public enum DhtMode {
    /** Read-only node (BEP 43): queries carry {@code ro=1}, incoming queries are not answered. */
    CLIENT,
    /** Full node: answers queries, stores BEP 44 items and routes for others. */
    FULL
}
