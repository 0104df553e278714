package org.cipherpost.crypto.internal.age;

import java.security.GeneralSecurityException;

/** A header that no identity can open or that policy refuses: reported as a {@link GeneralSecurityException}. */
final class RejectedHeaderException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** Message for a header that none of the identities opens. */
    static final String NO_MATCH = "No matching identity";

    /**
     * Creates the exception.
     *
     * @param message short generic reason
     */
    RejectedHeaderException(final String message) {
        super(message);
    }
}
