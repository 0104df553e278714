/** Mainline DHT node, BEP 44 and the PKARR client (filled by the DHT issue). */
module org.cipherpost.dht {
    requires org.cipherpost.wire;
}
