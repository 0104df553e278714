package org.cipherpost.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.internal.StandardVaultFactory;

/** Creates, opens, joins and recovers vaults. */
public final class Vaults {
    private Vaults() {
    }

    /**
     * Creates a vault: a Device Key for this device wrapped by the Primary Passphrase, a Recovery Key wrapped by the
     * Recovery Passphrase and returned once as a recovery code, and the empty vault directory.
     *
     * @param options where the vault and the device key go
     * @param primaryPassphrase Primary Passphrase
     * @param recoveryPassphrase Recovery Passphrase, or null to use the Primary Passphrase
     * @param deviceName name of this device
     * @return the open vault and its recovery code
     * @throws VaultExistsException when a vault exists there already
     * @throws IOException on I/O failure
     * @throws GeneralSecurityException on key generation or wrapping failure
     */
    public static InitializedVault init(final VaultOptions options, final SecretBytes primaryPassphrase,
            final SecretBytes recoveryPassphrase, final String deviceName) throws IOException, GeneralSecurityException {
        return StandardVaultFactory.init(options, primaryPassphrase, recoveryPassphrase, deviceName);
    }

    /**
     * Opens a vault with this device's key.
     *
     * @param options where the vault and the device key are
     * @param passphrase Primary Passphrase (or the backend's user secret)
     * @return the open vault
     * @throws NotAVaultException when the directory holds no vault
     * @throws MissingDeviceKeyException when this device has no key for the vault
     * @throws org.cipherpost.crypto.WrongPassphraseException when the passphrase is wrong
     * @throws NotWrappedToDeviceException when this device is not (or no longer) a member
     * @throws ManifestAuthenticationException when the device list was changed outside cipherpost
     * @throws VaultIntegrityException when the vault key was replaced or rolled back
     * @throws IOException on I/O failure
     * @throws GeneralSecurityException on other cryptographic failures
     */
    public static Vault open(final VaultOptions options, final SecretBytes passphrase)
            throws IOException, GeneralSecurityException {
        return StandardVaultFactory.open(options, passphrase);
    }

    /**
     * Prepares this device to join an existing vault: creates its Device Key and returns the recipient to add from a
     * device that already has access ({@link Vault#addDevice}). The first open afterwards pins the vault key.
     *
     * @param options where the vault and the device key go
     * @param passphrase Primary Passphrase for the new Device Key
     * @return the new device's recipient
     * @throws IOException on I/O failure, or when this device already has a key for the vault
     * @throws GeneralSecurityException on key generation failure
     */
    public static String join(final VaultOptions options, final SecretBytes passphrase)
            throws IOException, GeneralSecurityException {
        return StandardVaultFactory.join(options, passphrase);
    }

    /**
     * Recovers access on a new device from the recovery code: creates a Device Key, grants it every entry, and opens
     * the vault with it.
     *
     * @param options where the vault is and where the new device key goes
     * @param recoveryCode the recovery code as typed (case, spaces and dashes do not matter)
     * @param recoveryPassphrase the Recovery Passphrase
     * @param newPrimaryPassphrase Primary Passphrase for the new Device Key
     * @param deviceName name of this device
     * @return the open vault
     * @throws InvalidRecoveryCodeException when the code does not parse or its checksum fails
     * @throws org.cipherpost.crypto.WrongPassphraseException when the Recovery Passphrase is wrong
     * @throws VaultIntegrityException when the code belongs to another vault
     * @throws IOException on I/O failure
     * @throws GeneralSecurityException on other cryptographic failures
     */
    public static Vault recover(final VaultOptions options, final SecretBytes recoveryCode,
            final SecretBytes recoveryPassphrase, final SecretBytes newPrimaryPassphrase, final String deviceName)
            throws IOException, GeneralSecurityException {
        return StandardVaultFactory.recover(options, recoveryCode, recoveryPassphrase, newPrimaryPassphrase, deviceName);
    }

    /**
     * Tells whether this device's key can be exported (it is passphrase-held, not held by a token), before anyone is
     * asked for a passphrase.
     *
     * @param options where the vault and the device key are
     * @return true when {@link #exportDeviceIdentity} can work
     * @throws IOException when there is no vault or no device key file
     * @throws GeneralSecurityException when the manifest is malformed
     */
    public static boolean isDeviceIdentityExportable(final VaultOptions options) throws IOException, GeneralSecurityException {
        return StandardVaultFactory.isDeviceIdentityExportable(options);
    }

    /**
     * Exports this device's key as an {@code AGE-SECRET-KEY-1...} identity for the plain {@code age} CLI (no
     * lock-in): {@code age -d -i device.txt keyring.age} yields the keyring that opens the key files.
     *
     * @param options where the vault and the device key are
     * @param passphrase Primary Passphrase
     * @return the identity text, owned by the caller
     * @throws IOException on I/O failure or a backend whose keys cannot leave it
     * @throws GeneralSecurityException when the passphrase is wrong
     */
    public static SecretBytes exportDeviceIdentity(final VaultOptions options, final SecretBytes passphrase)
            throws IOException, GeneralSecurityException {
        return StandardVaultFactory.exportDeviceIdentity(options, passphrase);
    }
}
