package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** No device with the given id is a member of the vault. */
public final class UnknownDeviceException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param device device id
     */
    public UnknownDeviceException(final String device) {
        super("No device [%s] in this vault".formatted(device));
    }
}
