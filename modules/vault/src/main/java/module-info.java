/** The age-based vault: entries, password and passphrase generation, TOTP codes. */
module org.cipherpost.vault {
    requires transitive org.cipherpost.crypto;
    requires org.cipherpost.material;

    exports org.cipherpost.vault;
}
