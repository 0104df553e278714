package org.cipherpost.handoff.internal;

import java.security.GeneralSecurityException;
import java.util.Objects;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.Argon2id;
import org.cipherpost.crypto.Hkdf;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.OuterRecord;

/**
 * The PIN layer's age identity (cipherpost v1.1, SPEC 3.6).
 *
 * <pre>
 * stretched = Argon2id v0x13 (m = 65536 KiB, t = 3, p = 1, 32 bytes) over the PIN's UTF-8 bytes, salt = 32 random bytes
 * scalar    = HKDF-SHA256(salt = the same salt, ikm = stretched, info = "cipherpost/v1/pin", 32 bytes)
 * identity  = age X25519 identity of that scalar; inner = age(envelope JCS -> its recipient)
 * </pre>
 */
final class PinKeys {
    /** The share-level Argon2id parameters; changing them is a protocol change. */
    static final Argon2Params PARAMS = new Argon2Params(65536, 3, 1);

    private static final int KEY_LENGTH = 32;

    private PinKeys() {
    }

    /**
     * Derives the PIN layer's identity.
     *
     * @param pin PIN bytes (UTF-8), owned by the caller
     * @param salt 32-byte salt
     * @return identity, to be closed by the caller
     * @throws GeneralSecurityException when Argon2id fails
     */
    static AgeIdentity identity(final SecretBytes pin, final byte[] salt) throws GeneralSecurityException {
        Objects.requireNonNull(pin, "PIN required");
        Objects.requireNonNull(salt, "PIN salt required");
        if (salt.length != OuterRecord.PIN_SALT_LENGTH) {
            throw new IllegalArgumentException(String.format("PIN salt length [%d] not equal to [%d]", salt.length,
                    OuterRecord.PIN_SALT_LENGTH));
        }
        try (SecretBytes stretched = Argon2id.derive(pin, salt, PARAMS, KEY_LENGTH);
             SecretBytes scalar = Hkdf.derive(salt, stretched, Hkdf.PIN, KEY_LENGTH)) {
            return AgeIdentity.fromX25519SecretKey(scalar);
        }
    }
}
