package org.cipherpost.vault.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.WrappedKeyFile;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.GeneratedDeviceKey;

/**
 * The built-in backend: the Device Key's 32-byte X25519 secret in a {@link WrappedKeyFile} with magic
 * {@code CPVAULTD}, wrapped under the Primary Passphrase (Argon2id, HKDF {@code cipherpost/v1/vault-device-kek},
 * age).
 */
public final class PassphraseDeviceKeyBackend implements DeviceKeyBackend {
    /** The one instance. */
    public static final PassphraseDeviceKeyBackend INSTANCE = new PassphraseDeviceKeyBackend();

    /** The device key file format. */
    static final WrappedKeyFile FORMAT = WrappedKeyFile.of("CPVAULTD", "vault-device-kek", 32);

    private static final SecureRandom RANDOM = new SecureRandom();

    private PassphraseDeviceKeyBackend() {
    }

    @Override
    public String name() {
        return "passphrase";
    }

    @Override
    public boolean recognizes(final byte[] stored) {
        Objects.requireNonNull(stored, "Stored Key required");
        final byte[] magic = FORMAT.magic();
        return stored.length >= magic.length && Arrays.equals(stored, 0, magic.length, magic, 0, magic.length);
    }

    @Override
    public GeneratedDeviceKey generate(final SecretBytes userSecret, final Argon2Params params)
            throws GeneralSecurityException {
        Objects.requireNonNull(userSecret, "Passphrase required");
        final byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        try (SecretBytes secret = SecretBytes.wrap(raw)) {
            final byte[] stored = FORMAT.seal(secret, userSecret, params);
            return new GeneratedDeviceKey(stored, new IdentityDeviceKey(AgeIdentity.fromX25519SecretKey(secret)));
        }
    }

    @Override
    public DeviceKey unlock(final byte[] stored, final SecretBytes userSecret) throws IOException, GeneralSecurityException {
        return new IdentityDeviceKey(identity(stored, userSecret));
    }

    /**
     * Unlocks the stored key as an age identity, for export to the plain age CLI.
     *
     * @param stored device key file contents
     * @param userSecret Primary Passphrase
     * @return identity, owned by the caller
     * @throws IOException when the file is malformed
     * @throws GeneralSecurityException when the passphrase is wrong
     */
    AgeIdentity identity(final byte[] stored, final SecretBytes userSecret) throws IOException, GeneralSecurityException {
        Objects.requireNonNull(stored, "Stored Key required");
        Objects.requireNonNull(userSecret, "Passphrase required");
        try (SecretBytes secret = FORMAT.open(stored, userSecret)) {
            return AgeIdentity.fromX25519SecretKey(secret);
        }
    }
}
