package org.cipherpost.vault;

import java.io.IOException;
import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/** More than one entry has the name looked up: use an id instead. */
public final class AmbiguousNameException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient List<EntryId> ids;

    /**
     * Creates the exception.
     *
     * @param name the ambiguous name
     * @param ids every entry with that name
     */
    public AmbiguousNameException(final String name, final List<EntryId> ids) {
        super("Name [%s] matches %d entries: %s".formatted(name, ids.size(),
                ids.stream().map(EntryId::value).collect(Collectors.joining(", "))));
        this.ids = List.copyOf(ids);
    }

    /**
     * Returns the ids of every entry with the name.
     *
     * @return ids
     */
    public List<EntryId> ids() {
        return ids;
    }
}
