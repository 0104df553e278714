package org.cipherpost.material;

import java.util.List;

/** Supplies the material types plugins provide; the registry calls it at most once, when a lookup needs it. */
@FunctionalInterface
public interface MaterialTypeSource {
    /** A source without plugins. */
    MaterialTypeSource NONE = List::of;

    /**
     * Loads the plugin-provided types (e.g. starts the plugin host).
     *
     * @return types with their origin, in load order
     */
    List<ProvidedMaterialType> load();
}
