/** Registry of material types (built-in generic secret and plugin types), with plugin failures attributed. */
module org.cipherpost.material {
    requires transitive org.cipherpost.api;

    exports org.cipherpost.material;
}
