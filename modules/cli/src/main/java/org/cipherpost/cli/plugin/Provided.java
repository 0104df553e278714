package org.cipherpost.cli.plugin;

import java.util.Objects;

/**
 * An extension a started plugin provides, with the plugin it came from.
 *
 * @param origin {@code id version} of the plugin, named in errors
 * @param extension the extension
 * @param <T> extension point
 */
public record Provided<T>(String origin, T extension) {
    /**
     * Validates the components.
     *
     * @param origin plugin id and version
     * @param extension extension
     */
    public Provided {
        Objects.requireNonNull(origin, "Origin required");
        Objects.requireNonNull(extension, "Extension required");
    }
}
