package org.cipherpost.material;

import java.io.IOException;
import java.io.Serial;

/** A plugin failed unexpectedly during an operation; the message names the plugin, the type and the operation. */
public final class PluginFailureException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String origin;

    /**
     * Creates the exception.
     *
     * @param origin plugin id and version
     * @param message one-line message naming the plugin
     * @param cause the plugin's failure, kept for {@code --verbose} only
     */
    public PluginFailureException(final String origin, final String message, final Throwable cause) {
        super(message, cause);
        this.origin = origin;
    }

    /**
     * Returns the failing plugin's id and version.
     *
     * @return origin
     */
    public String origin() {
        return origin;
    }
}
