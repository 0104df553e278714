/**
 * Extension points for Cipherpost plugins: {@code MaterialType}, {@code StorageHook}, {@code StorageHistory},
 * {@code KeyBackend}.
 *
 * <p>The package is exported without a {@code to} clause: plugins load into unnamed modules of PF4J plugin class
 * loaders and see exactly what this module (and the host's other unqualified exports) offer.
 */
module org.cipherpost.api {
    requires transitive org.pf4j;

    exports org.cipherpost.api;
}
