package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** A vault file ends early: an interrupted copy or sync, or deliberate truncation. */
public final class TruncatedFileException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * Creates the exception.
     *
     * @param file path relative to the vault directory
     */
    public TruncatedFileException(final String file) {
        super("File [%s] is truncated".formatted(file));
        this.file = file;
    }

    /**
     * Returns the truncated file.
     *
     * @return path relative to the vault directory
     */
    public String file() {
        return file;
    }
}
