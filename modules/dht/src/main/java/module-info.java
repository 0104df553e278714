/** Mainline DHT node (KRPC, BEP 44, BEP 43 read-only clients), local testnet, PKARR over the DHT or relays. */
module org.cipherpost.dht {
    requires transitive org.cipherpost.wire;
    requires java.net.http;
    requires jdk.httpserver;

    exports org.cipherpost.dht;
}
