/** Send, receive and receipt flows (filled by the handoff issue). */
module org.cipherpost.handoff {
    requires org.cipherpost.crypto;
    requires org.cipherpost.wire;
    requires org.cipherpost.dht;
    requires org.cipherpost.material;
}
