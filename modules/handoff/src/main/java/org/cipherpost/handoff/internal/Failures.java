package org.cipherpost.handoff.internal;

import java.security.SignatureException;

/** The one signature failure every verification step reports. */
final class Failures {
    /** The one message of every signature failure. */
    static final String SIGNATURE_FAILED = "signature verification failed";

    private Failures() {
    }

    /**
     * Returns a signature failure keeping its cause for diagnostics.
     *
     * @param cause underlying failure, or null
     * @return exception with the one message
     */
    static SignatureException signature(final Throwable cause) {
        return new SignatureException(SIGNATURE_FAILED, cause);
    }
}
