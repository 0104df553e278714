/** Mainline DHT node: KRPC (BEP 5), BEP 44 get/put, read-only clients (BEP 43) and a local testnet. */
module org.cipherpost.dht {
    requires transitive org.cipherpost.wire;

    exports org.cipherpost.dht;
}
