package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** A vault already exists where a new one was to be created. */
public final class VaultExistsException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param directory vault directory
     */
    public VaultExistsException(final String directory) {
        super("A vault already exists at [%s]".formatted(directory));
    }
}
