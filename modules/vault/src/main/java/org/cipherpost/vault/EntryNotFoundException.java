package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** No entry has the given name or id. */
public final class EntryNotFoundException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what the name or id looked up
     */
    public EntryNotFoundException(final String what) {
        super("No entry named [%s]".formatted(what));
    }
}
