package org.cipherpost.crypto;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** The passphrase (or PIN) does not unlock the file; the message never says more than that. */
public final class WrongPassphraseException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public WrongPassphraseException() {
        super("Wrong passphrase");
    }
}
