package org.cipherpost.handoff;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** The PIN layer of a share did not open: a wrong PIN, or a damaged inner ciphertext (told apart by no one). */
public final class WrongPinException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public WrongPinException() {
        super("PIN layer failed to decrypt");
    }
}
