package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** A file the vault needs is missing, such as the key file of an entry. */
public final class MissingFileException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * Creates the exception.
     *
     * @param file path relative to the vault directory
     */
    public MissingFileException(final String file) {
        super("File [%s] is missing".formatted(file));
        this.file = file;
    }

    /**
     * Returns the missing file.
     *
     * @return path relative to the vault directory
     */
    public String file() {
        return file;
    }
}
