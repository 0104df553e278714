package org.cipherpost.crypto;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;

/** A key file is readable or writable by someone other than its owner. */
public final class InsecurePermissionsException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final String mode;

    /**
     * Creates the exception.
     *
     * @param path offending file
     * @param mode its octal mode
     */
    public InsecurePermissionsException(final Path path, final String mode) {
        super("File [%s] has mode [%s]; only its owner may access it (chmod 600)".formatted(path, mode));
        this.path = path;
        this.mode = mode;
    }

    /**
     * Returns the offending file.
     *
     * @return path
     */
    public Path path() {
        return path;
    }

    /**
     * Returns the octal mode found.
     *
     * @return mode such as 0644
     */
    public String mode() {
        return mode;
    }
}
