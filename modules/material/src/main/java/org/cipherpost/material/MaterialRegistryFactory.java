package org.cipherpost.material;

import java.util.Objects;
import java.util.function.Consumer;

/** Creates {@link MaterialRegistry} instances. */
public final class MaterialRegistryFactory {
    private MaterialRegistryFactory() {
    }

    /**
     * Creates a registry with only the built-in types.
     *
     * @return registry
     */
    public static MaterialRegistry builtIn() {
        return create(MaterialTypeSource.NONE, warning -> { });
    }

    /**
     * Creates a registry with the built-in types and, loaded on first need, the source's plugin types.
     *
     * @param plugins plugin types, asked at most once
     * @param warnings receives one line per plugin type that is skipped (bad name, duplicate, failing accessor)
     * @return registry
     */
    public static MaterialRegistry create(final MaterialTypeSource plugins, final Consumer<String> warnings) {
        return new StandardMaterialRegistry(Objects.requireNonNull(plugins, "Material Type Source required"),
                Objects.requireNonNull(warnings, "Warnings required"));
    }
}
