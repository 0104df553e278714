package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.Hkdf;
import org.cipherpost.crypto.SecretBytes;

/**
 * The vault secrets: one 32-byte secret per generation, kept as a history so that a manifest or index MAC'd under
 * any generation still verifies. Generation 0 is derived from the Recovery Key and fixes the vault id; a new
 * generation is appended each time a device is revoked.
 *
 * <pre>
 * vault.key plaintext: "CPVSEC01" (8) | count (2, big-endian) | count x 32-byte secret, generation 0 first
 * secret_0  = HKDF(recovery key, "cipherpost/v1/vault-secret-0")
 * vault id  = hex(HKDF(secret_0, "cipherpost/v1/vault-id")[0..16])
 * key id    = hex(HKDF(secret_g, "cipherpost/v1/vault-key-id")[0..16])
 * MAC key   = HKDF(secret_g, "cipherpost/v1/vault-manifest-mac" or ".../vault-index-mac"), HMAC-SHA256
 * keyring_g = X25519 identity of HKDF(secret_g, "cipherpost/v1/vault-keyring") (vault format 2: key files are
 *             wrapped to the keyring of the manifest's generation)
 * </pre>
 */
final class VaultSecrets implements AutoCloseable {
    /** Length of each secret. */
    static final int SECRET_LENGTH = 32;

    /** MAC purpose of the manifest. */
    static final String MANIFEST_MAC = "vault-manifest-mac";

    /** MAC purpose of the index. */
    static final String INDEX_MAC = "vault-index-mac";

    private static final byte[] MAGIC = "CPVSEC01".getBytes(StandardCharsets.US_ASCII);
    private static final int MAXIMUM_GENERATIONS = 65535;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] KEYRING_HEADER = ("# cipherpost vault keyring v1: age identities, newest generation first\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final List<SecretBytes> history;

    /** Takes ownership of the secrets, generation 0 first. */
    private VaultSecrets(final List<SecretBytes> history) {
        this.history = List.copyOf(history);
    }

    /**
     * Creates the secrets of a new vault.
     *
     * @param recoveryKey the Recovery Key's 32-byte secret
     * @return generation 0 only
     */
    static VaultSecrets initial(final SecretBytes recoveryKey) {
        return new VaultSecrets(List.of(firstSecret(recoveryKey)));
    }

    /**
     * Derives generation 0 from the Recovery Key.
     *
     * @param recoveryKey the Recovery Key's 32-byte secret
     * @return secret, owned by the caller
     */
    static SecretBytes firstSecret(final SecretBytes recoveryKey) {
        return Hkdf.derive(null, recoveryKey, "vault-secret-0", SECRET_LENGTH);
    }

    /**
     * Computes the vault id fixed by a generation-0 secret.
     *
     * @param secret0 generation 0
     * @return 32 lowercase hex digits
     */
    static String vaultIdOf(final SecretBytes secret0) {
        try (SecretBytes id = Hkdf.derive(null, secret0, "vault-id", 16)) {
            return Hashes.hex(id.bytes());
        }
    }

    /**
     * Returns a copy with one more, random generation.
     *
     * @return new secrets, owned by the caller
     */
    VaultSecrets rotated() {
        if (history.size() >= MAXIMUM_GENERATIONS) {
            throw new IllegalStateException("Vault secret generations exhausted");
        }
        final List<SecretBytes> next = new ArrayList<>();
        for (final SecretBytes secret : history) {
            next.add(SecretBytes.copyOf(secret.bytes()));
        }
        final byte[] fresh = new byte[SECRET_LENGTH];
        RANDOM.nextBytes(fresh);
        next.add(SecretBytes.wrap(fresh));
        return new VaultSecrets(next);
    }

    /**
     * Returns the newest generation.
     *
     * @return generation number
     */
    int latest() {
        return history.size() - 1;
    }

    /**
     * Tells whether a generation exists.
     *
     * @param generation generation number
     * @return true when present
     */
    boolean has(final long generation) {
        return generation >= 0 && generation < history.size();
    }

    /**
     * Returns the vault id fixed by generation 0.
     *
     * @return 32 lowercase hex digits
     */
    String vaultId() {
        return vaultIdOf(history.get(0));
    }

    /**
     * Tells whether generation 0 equals a given secret, in constant time.
     *
     * @param secret0 expected generation 0
     * @return true when equal
     */
    boolean firstEquals(final SecretBytes secret0) {
        return MessageDigest.isEqual(history.get(0).bytes(), secret0.bytes());
    }

    /**
     * Returns the public fingerprint of a generation, used to pin it on a device.
     *
     * @param generation generation number
     * @return 32 lowercase hex digits
     */
    String keyId(final int generation) {
        try (SecretBytes id = Hkdf.derive(null, history.get(generation), "vault-key-id", 16)) {
            return Hashes.hex(id.bytes());
        }
    }

    /**
     * Derives the keyring identity of a generation: the age X25519 key that key files of that generation are wrapped
     * to (vault format 2).
     *
     * @param generation generation number
     * @return identity, owned by the caller
     */
    AgeIdentity keyring(final int generation) {
        try (SecretBytes scalar = Hkdf.derive(null, history.get(generation), "vault-keyring", 32)) {
            return AgeIdentity.fromX25519SecretKey(scalar);
        } catch (final InvalidKeyException e) {
            throw new IllegalStateException("X25519 not available", e);
        }
    }

    /**
     * Derives the keyring identities of every generation, newest first.
     *
     * @return identities, owned by the caller
     */
    List<AgeIdentity> keyrings() {
        final List<AgeIdentity> keyrings = new ArrayList<>(history.size());
        for (int generation = history.size() - 1; generation >= 0; generation--) {
            keyrings.add(keyring(generation));
        }
        return keyrings;
    }

    /**
     * Encodes the keyring identities as an age identity file, newest generation first, for {@code keyring.age}: what
     * {@code age -d -i} needs to open key files without Cipherpost.
     *
     * @return plaintext, owned by the caller
     */
    SecretBytes encodeKeyring() {
        final List<byte[]> labels = new ArrayList<>(history.size());
        final List<SecretBytes> encoded = new ArrayList<>(history.size());
        try {
            int length = KEYRING_HEADER.length;
            for (int generation = history.size() - 1; generation >= 0; generation--) {
                final byte[] label = ("# generation: " + generation + "\n").getBytes(StandardCharsets.US_ASCII);
                try (AgeIdentity identity = keyring(generation)) {
                    encoded.add(identity.encode());
                }
                labels.add(label);
                length += label.length + encoded.getLast().length() + 1;
            }
            final byte[] out = new byte[length];
            int at = KEYRING_HEADER.length;
            System.arraycopy(KEYRING_HEADER, 0, out, 0, at);
            for (int i = 0; i < labels.size(); i++) {
                System.arraycopy(labels.get(i), 0, out, at, labels.get(i).length);
                at += labels.get(i).length;
                System.arraycopy(encoded.get(i).bytes(), 0, out, at, encoded.get(i).length());
                at += encoded.get(i).length();
                out[at++] = '\n';
            }
            return SecretBytes.wrap(out);
        } finally {
            encoded.forEach(SecretBytes::close);
        }
    }

    /**
     * Computes a MAC under a generation.
     *
     * @param generation generation number
     * @param purpose {@link #MANIFEST_MAC} or {@link #INDEX_MAC}
     * @param data bytes
     * @param length number of leading bytes covered
     * @return HMAC-SHA256
     */
    byte[] mac(final int generation, final String purpose, final byte[] data, final int length) {
        try (SecretBytes key = Hkdf.derive(null, history.get(generation), purpose, 32)) {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }

    /**
     * Encodes the history as the plaintext of {@code vault.key}.
     *
     * @return plaintext, owned by the caller
     */
    SecretBytes encode() {
        final byte[] out = new byte[MAGIC.length + 2 + SECRET_LENGTH * history.size()];
        final ByteBuffer buffer = ByteBuffer.wrap(out).put(MAGIC).putShort((short) history.size());
        for (final SecretBytes secret : history) {
            buffer.put(secret.bytes());
        }
        return SecretBytes.wrap(out);
    }

    /**
     * Decodes the plaintext of {@code vault.key}.
     *
     * @param plaintext plaintext; the caller keeps it
     * @return secrets, owned by the caller
     * @throws IOException when the plaintext is malformed
     */
    static VaultSecrets decode(final SecretBytes plaintext) throws IOException {
        final byte[] bytes = plaintext.bytes();
        if (bytes.length < MAGIC.length + 2 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("Vault key plaintext does not start with its magic");
        }
        final int count = ((bytes[MAGIC.length] & 0xff) << 8) | (bytes[MAGIC.length + 1] & 0xff);
        if (count < 1 || bytes.length != MAGIC.length + 2 + count * SECRET_LENGTH) {
            throw new IOException("Vault key plaintext length [%d] does not hold [%d] secrets".formatted(bytes.length, count));
        }
        final List<SecretBytes> history = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            history.add(SecretBytes.copyOf(bytes, MAGIC.length + 2 + i * SECRET_LENGTH, SECRET_LENGTH));
        }
        return new VaultSecrets(history);
    }

    /**
     * Verifies a MAC under a generation, in constant time.
     *
     * @param generation generation number
     * @param purpose MAC purpose
     * @param data bytes
     * @param length number of leading bytes covered
     * @param expected MAC found in the file
     * @return true when it matches
     */
    boolean verify(final int generation, final String purpose, final byte[] data, final int length, final byte[] expected) {
        return has(generation) && MessageDigest.isEqual(mac(generation, purpose, data, length), expected);
    }

    @Override
    public void close() {
        for (final SecretBytes secret : history) {
            secret.close();
        }
    }

    @Override
    public String toString() {
        return "VaultSecrets[" + history.size() + " generations]";
    }
}
