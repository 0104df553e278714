package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** The directory holds no vault manifest. */
public final class NotAVaultException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param directory vault directory
     */
    public NotAVaultException(final String directory) {
        super("No vault at [%s]: run init first".formatted(directory));
    }
}
