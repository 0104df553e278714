package org.cipherpost.material;

import java.util.Objects;
import org.cipherpost.api.MaterialType;

/**
 * A material type and where it comes from.
 *
 * @param origin plugin id and version, e.g. {@code material-x509 1.0.0}
 * @param type the plugin's extension
 */
public record ProvidedMaterialType(String origin, MaterialType type) {
    /**
     * Validates the components.
     *
     * @param origin plugin id and version
     * @param type extension
     */
    public ProvidedMaterialType {
        Objects.requireNonNull(origin, "Origin required");
        Objects.requireNonNull(type, "Material Type required");
    }
}
