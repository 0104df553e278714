package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** The recipient is already a device (or the recovery key) of the vault. */
public final class DeviceExistsException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param recipient recipient given
     * @param device id of the device that has it
     */
    public DeviceExistsException(final String recipient, final String device) {
        super("Recipient [%s] is already device [%s]".formatted(recipient, device));
    }
}
