package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.Serial;

/** No usable agent: none answers, or it holds the key of another device key file; the caller asks for the passphrase. */
final class AgentRefusedException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why
     * @param cause underlying failure, or null
     */
    AgentRefusedException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
