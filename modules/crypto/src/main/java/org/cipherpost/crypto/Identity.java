package org.cipherpost.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.Base64;
import java.util.Objects;
import javax.security.auth.Destroyable;

/** A Cipherpost identity: an Ed25519 key pair, with the X25519 age keys derived from it. */
public final class Identity implements Destroyable, AutoCloseable {
    private static final byte[] SSH_ED25519 = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);

    private final SecretBytes seed;
    private final byte[] publicKey;

    private Identity(final SecretBytes seed) {
        this.seed = seed;
        this.publicKey = Ed25519.publicKey(seed);
    }

    /**
     * Generates a new identity from a fresh random seed.
     *
     * @return new identity
     */
    public static Identity generate() {
        return new Identity(Ed25519.generateSeed());
    }

    /**
     * Creates an identity from a seed; the identity copies it.
     *
     * @param seed 32-byte Ed25519 seed
     * @return identity
     */
    public static Identity fromSeed(final SecretBytes seed) {
        Objects.requireNonNull(seed, "Seed required");
        if (seed.length() != 32) {
            throw new IllegalArgumentException("Seed length [%d] not [32]".formatted(seed.length()));
        }
        return new Identity(SecretBytes.copyOf(seed.bytes()));
    }

    /**
     * Returns the seed, owned by this identity; callers must not keep it past {@link #close()}.
     *
     * @return seed
     */
    public SecretBytes seed() {
        return seed;
    }

    /**
     * Returns the 32-byte Ed25519 public key.
     *
     * @return copy of the public key
     */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Signs a message with Ed25519.
     *
     * @param message message bytes
     * @return 64-byte signature
     */
    public byte[] sign(final byte[] message) {
        return Ed25519.sign(seed, message);
    }

    /**
     * Returns the age recipient derived from the public key (Edwards to Montgomery).
     *
     * @return X25519 age recipient
     */
    public AgeRecipient ageRecipient() {
        try {
            return AgeRecipient.fromX25519PublicKey(KeyConversion.x25519PublicKey(publicKey));
        } catch (final InvalidKeyException e) {
            throw new IllegalStateException("Own public key failed to convert", e);
        }
    }

    /**
     * Returns the age identity derived from the seed; close it after use.
     *
     * @return X25519 age identity
     */
    public AgeIdentity ageIdentity() {
        try (SecretBytes secret = KeyConversion.x25519SecretKey(seed)) {
            return AgeIdentity.fromX25519SecretKey(secret);
        } catch (final InvalidKeyException e) {
            throw new IllegalStateException("Own secret key failed to convert", e);
        }
    }

    /**
     * Returns the OpenSSH public key line for this key, without a comment.
     *
     * @return {@code ssh-ed25519 AAAA...}
     */
    public String opensshPublicKey() {
        return opensshPublicKey(publicKey);
    }

    /**
     * Returns the OpenSSH SHA-256 fingerprint, as {@code ssh-keygen -l} prints it.
     *
     * @return {@code SHA256:...}
     */
    public String opensshFingerprint() {
        return opensshFingerprint(publicKey);
    }

    /**
     * Returns the OpenSSH public key line for an Ed25519 public key.
     *
     * @param publicKey 32-byte Ed25519 public key
     * @return {@code ssh-ed25519 AAAA...}
     */
    public static String opensshPublicKey(final byte[] publicKey) {
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(sshBlob(publicKey));
    }

    /**
     * Returns the OpenSSH SHA-256 fingerprint of an Ed25519 public key.
     *
     * @param publicKey 32-byte Ed25519 public key
     * @return {@code SHA256:...}
     */
    public static String opensshFingerprint(final byte[] publicKey) {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(Hashes.sha256(sshBlob(publicKey)));
    }

    private static byte[] sshBlob(final byte[] publicKey) {
        Objects.requireNonNull(publicKey, "Public key required");
        final ByteArrayOutputStream blob = new ByteArrayOutputStream();
        blob.writeBytes(ByteBuffer.allocate(4).putInt(SSH_ED25519.length).array());
        blob.writeBytes(SSH_ED25519);
        blob.writeBytes(ByteBuffer.allocate(4).putInt(publicKey.length).array());
        blob.writeBytes(publicKey);
        return blob.toByteArray();
    }

    @Override
    public void destroy() {
        seed.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return seed.isDestroyed();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "Identity[" + opensshFingerprint() + "]";
    }
}
