package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** A pre-hook vetoed a change; nothing was written. */
public final class HookRejectedException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param change the vetoed change
     * @param cause the hook failure
     */
    public HookRejectedException(final VaultChange change, final Exception cause) {
        super("Pre-hook rejected [%s]: %s".formatted(change, cause.getMessage()), cause);
    }
}
