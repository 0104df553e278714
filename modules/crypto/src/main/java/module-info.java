/** age, Ed25519/X25519, HKDF, Argon2id, identity key files and secret holders. */
module org.cipherpost.crypto {
    requires com.exceptionfactory.jagged;
    requires com.exceptionfactory.jagged.framework;
    requires com.exceptionfactory.jagged.bech32;
    requires com.exceptionfactory.jagged.x25519;
    requires org.bouncycastle.provider;
    requires de.mkammerer.argon2.nolibs;
    requires com.sun.jna;

    exports org.cipherpost.crypto;
}
