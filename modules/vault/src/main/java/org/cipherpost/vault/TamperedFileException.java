package org.cipherpost.vault;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** A vault file failed authentication or does not parse: it was altered or damaged. */
public final class TamperedFileException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * Creates the exception.
     *
     * @param file path relative to the vault directory, such as {@code entries/age1....age}
     * @param detail short reason
     */
    public TamperedFileException(final String file, final String detail) {
        super("File [%s] was altered or damaged: %s".formatted(file, detail));
        this.file = file;
    }

    /**
     * Returns the damaged file.
     *
     * @return path relative to the vault directory
     */
    public String file() {
        return file;
    }
}
