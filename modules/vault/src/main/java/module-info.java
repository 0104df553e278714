/** The age-based vault: encrypted entry storage with devices, recovery and an index; entries; passwords; TOTP. */
module org.cipherpost.vault {
    requires transitive org.cipherpost.crypto;
    requires org.cipherpost.material;

    exports org.cipherpost.vault;
}
