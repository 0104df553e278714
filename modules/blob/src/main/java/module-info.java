/** Large payloads: a file or directory as a streamed tar inside age, kept as one opaque blob in a blob store. */
module org.cipherpost.blob {
    requires transitive org.cipherpost.crypto;
    requires transitive org.cipherpost.wire;
    requires java.net.http;

    exports org.cipherpost.blob;
}
