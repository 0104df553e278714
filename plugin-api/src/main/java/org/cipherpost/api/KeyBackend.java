package org.cipherpost.api;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Holds device keys outside Cipherpost, e.g. on a hardware token: the vault wraps entry keys to the device's age
 * recipient like to any device key, and asks the backend to unwrap a stanza when it needs an entry key.
 *
 * <p>The private key never leaves the backend. The host never hands a backend a passphrase or another key; a
 * backend that needs a PIN asks for it through its own channel (e.g. the token's own prompt).
 */
public interface KeyBackend extends ExtensionPoint {
    /**
     * Returns the backend's name as users type it, e.g. {@code yubikey}: 1 to 32 of {@code a-z 0-9 -}.
     *
     * @return name
     */
    String name();

    /**
     * Lists the devices this backend can use now.
     *
     * @return devices
     * @throws IOException when the backend cannot be reached
     */
    List<DeviceInfo> listDevices() throws IOException;

    /**
     * Creates a new device key.
     *
     * @param label human label for the device
     * @return the new device
     * @throws IOException when the backend cannot be reached
     * @throws GeneralSecurityException when the key cannot be created
     */
    DeviceInfo createDevice(String label) throws IOException, GeneralSecurityException;

    /**
     * Loads an existing device key by id, checking that it is present and usable.
     *
     * @param deviceId id as {@link DeviceInfo#id()} gives it
     * @return the device
     * @throws IOException when the device is not present
     * @throws GeneralSecurityException when the device is present but unusable
     */
    DeviceInfo loadDevice(String deviceId) throws IOException, GeneralSecurityException;

    /**
     * Unwraps an age recipient stanza addressed to a device, returning the 16-byte file key.
     *
     * @param deviceId the device
     * @param stanza the stanza from an age header
     * @return a new array holding the file key, handed to the host (which wipes it)
     * @throws IOException when the device is not present
     * @throws GeneralSecurityException when the stanza is not for this device or does not unwrap
     */
    byte[] unwrap(String deviceId, AgeStanza stanza) throws IOException, GeneralSecurityException;

    /**
     * Wraps a file key to a device, returning a stanza that {@link #unwrap} turns back into the key. Wrapping needs
     * only the device's public key, so a backend can do it without the device present. The host seals this
     * device's vault key under such a file key. Added in API 1.0 as a default method: a backend that keeps it cannot
     * hold a vault device key.
     *
     * @param deviceId the device
     * @param fileKey the 16-byte file key (the backend must not keep it)
     * @return the stanza
     * @throws IOException when the device's public key cannot be read
     * @throws GeneralSecurityException when this backend cannot wrap (the default)
     */
    default AgeStanza wrap(final String deviceId, final byte[] fileKey) throws IOException, GeneralSecurityException {
        throw new GeneralSecurityException("Key backend [" + name() + "] cannot wrap file keys");
    }
}
