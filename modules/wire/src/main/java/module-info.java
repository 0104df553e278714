/** Bencode, z-base-32, JCS, share records and PKARR signed packets (filled by the DHT and handoff issues). */
module org.cipherpost.wire {
    requires org.cipherpost.crypto;
}
