/** The age-based vault (filled by the vault issue). */
module org.cipherpost.vault {
    requires org.cipherpost.crypto;
    requires org.cipherpost.material;
}
