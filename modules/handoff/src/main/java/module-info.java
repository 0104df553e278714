/** Send, receive and receipt flows: share records under the sender's key, receipts under the recipient's. */
module org.cipherpost.handoff {
    requires transitive org.cipherpost.crypto;
    requires transitive org.cipherpost.wire;
    requires transitive org.cipherpost.dht;
    requires org.cipherpost.material;

    exports org.cipherpost.handoff;
}
