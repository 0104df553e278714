/** Bencode, z-base-32, BEP 44 items, PKARR signed packets, JCS, share URI and the signed share records. */
module org.cipherpost.wire {
    requires transitive org.cipherpost.crypto;
    requires org.dnsjava;

    exports org.cipherpost.wire;
}
