package org.cipherpost.handoff;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** The share's time to live has passed; nothing was decrypted. */
public final class ShareExpiredException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long expiresAt;

    /**
     * Creates the exception.
     *
     * @param expiresAt UNIX seconds when the share expired
     */
    public ShareExpiredException(final long expiresAt) {
        super(String.format("Share expired at [%d]", expiresAt));
        this.expiresAt = expiresAt;
    }

    /**
     * Returns when the share expired.
     *
     * @return UNIX seconds
     */
    public long expiresAt() {
        return expiresAt;
    }
}
