package org.cipherpost.vault;

import java.io.Serial;
import java.io.IOException;

/** This device has no Device Key for the vault: join it or recover it first. */
public final class MissingDeviceKeyException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param vaultId vault id
     * @param path where the device key file was expected
     */
    public MissingDeviceKeyException(final String vaultId, final String path) {
        super("No device key for vault [%s] at [%s]: join this device or recover the vault".formatted(vaultId, path));
    }
}
