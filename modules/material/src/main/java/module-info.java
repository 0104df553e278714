/** Registry of material types and the built-in generic secret (filled by the handoff and plugins issues). */
module org.cipherpost.material {
    requires org.cipherpost.api;
}
