package org.cipherpost.plugin.yubikey;

import java.io.IOException;

/** Where the backend gets the PIV PIN and management key: the token's own channel, never the host. */
interface PinSource {
    /**
     * Asks for the PIN of a YubiKey.
     *
     * @param serial the YubiKey's serial number
     * @return new array holding the PIN, which the caller wipes
     * @throws IOException when no PIN can be read
     */
    char[] pin(long serial) throws IOException;

    /**
     * Tells the user that the YubiKey waits for a touch (its light flashes) before it answers.
     *
     * @param serial the YubiKey's serial number
     */
    default void touchNeeded(final long serial) {
        // a source without a user channel says nothing
    }

    /**
     * Asks for the PIV management key of a YubiKey (needed to generate a key).
     *
     * @param serial the YubiKey's serial number
     * @return new array holding the 24-byte 3DES (or AES) management key, which the caller wipes
     * @throws IOException when no key can be read
     */
    byte[] managementKey(long serial) throws IOException;
}
