package org.cipherpost.crypto.internal.age;

import java.security.GeneralSecurityException;

/** A recipient stanza of a known type that breaks the format: reported as an {@link java.io.IOException}. */
final class InvalidStanzaException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, without secret values
     */
    InvalidStanzaException(final String message) {
        super(message);
    }
}
