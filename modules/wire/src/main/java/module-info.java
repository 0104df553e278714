/** Bencode, z-base-32, BEP 44 items and PKARR signed packets (JCS and share records follow in the handoff issue). */
module org.cipherpost.wire {
    requires transitive org.cipherpost.crypto;
    requires org.dnsjava;

    exports org.cipherpost.wire;
}
