package org.cipherpost.handoff;

import java.io.Serial;
import java.io.IOException;

/** The sender publishes no share, or not the one the URI names. */
public final class ShareNotFoundException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message message without secrets
     */
    public ShareNotFoundException(final String message) {
        super(message);
    }
}
