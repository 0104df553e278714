package org.cipherpost.handoff;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** The share is addressed to another identity; nothing was decrypted. */
public final class WrongRecipientException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message message without secrets
     */
    public WrongRecipientException(final String message) {
        super(message);
    }
}
