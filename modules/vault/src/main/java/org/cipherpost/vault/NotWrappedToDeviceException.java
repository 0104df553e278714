package org.cipherpost.vault;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** A key file is wrapped to nobody this device holds: the device was never granted it, or was revoked. */
public final class NotWrappedToDeviceException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * Creates the exception.
     *
     * @param file path relative to the vault directory
     */
    public NotWrappedToDeviceException(final String file) {
        super("File [%s] is not wrapped to any key this device holds".formatted(file));
        this.file = file;
    }

    /**
     * Creates the exception with a specific message.
     *
     * @param file path relative to the vault directory
     * @param message one-line message
     */
    public NotWrappedToDeviceException(final String file, final String message) {
        super(message);
        this.file = file;
    }

    /**
     * Returns the file this device cannot open.
     *
     * @return path relative to the vault directory
     */
    public String file() {
        return file;
    }
}
