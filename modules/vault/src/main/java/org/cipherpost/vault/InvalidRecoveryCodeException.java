package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** A recovery code that does not parse or whose checksum fails: usually a typo. */
public final class InvalidRecoveryCodeException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one-line message
     */
    public InvalidRecoveryCodeException(final String message) {
        super(message);
    }
}
