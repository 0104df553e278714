package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** An entry with the given name already exists. */
public final class EntryExistsException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param name the name in use
     * @param id the entry using it
     */
    public EntryExistsException(final String name, final EntryId id) {
        super("Entry [%s] already exists as [%s]".formatted(name, id));
    }

    /**
     * Creates the exception for a name given twice in one import.
     *
     * @param name the repeated name
     */
    public EntryExistsException(final String name) {
        super("Entry [%s] is given more than once".formatted(name));
    }
}
