package org.cipherpost.material;

import java.io.IOException;
import java.io.Serial;

/** No built-in type and no loaded plugin provides the requested material type. */
public final class UnknownMaterialTypeException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one-line message listing what is available
     */
    public UnknownMaterialTypeException(final String message) {
        super(message);
    }
}
