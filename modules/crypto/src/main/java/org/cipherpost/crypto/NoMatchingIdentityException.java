package org.cipherpost.crypto;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** None of the given identities opens the age file: it was encrypted to someone else (or another passphrase). */
public final class NoMatchingIdentityException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public NoMatchingIdentityException() {
        super("No matching identity");
    }
}
