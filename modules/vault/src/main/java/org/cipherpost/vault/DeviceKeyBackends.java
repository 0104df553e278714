package org.cipherpost.vault;

import org.cipherpost.vault.internal.PassphraseDeviceKeyBackend;

/** The built-in device key backends. */
public final class DeviceKeyBackends {
    private DeviceKeyBackends() {
    }

    /**
     * Returns the backend that wraps a device key file under the Primary Passphrase (Argon2id).
     *
     * @return passphrase backend
     */
    public static DeviceKeyBackend passphrase() {
        return PassphraseDeviceKeyBackend.INSTANCE;
    }
}
