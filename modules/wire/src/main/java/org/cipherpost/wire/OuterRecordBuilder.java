package org.cipherpost.wire;

import java.io.IOException;
import java.util.Objects;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;

/**
 * Builds and signs an {@link OuterRecord}: {@code pubkey} comes from the signing key and {@code share_ref} is derived
 * from the ciphertext and {@code created_at}, so neither can disagree with what they stand for.
 */
public final class OuterRecordBuilder {
    private Long createdAt;
    private byte[] ciphertext;
    private byte[] pinSalt;
    private byte[] recipient;
    private boolean recipientChosen;
    private long ttlSeconds = OuterRecord.DEFAULT_TTL_SECONDS;
    private byte[] chunkRoot;

    OuterRecordBuilder() {
    }

    /**
     * Sets the creation time, the same value as the envelope's {@code created_at}.
     *
     * @param unixSeconds UNIX seconds
     * @return this builder
     */
    public OuterRecordBuilder createdAt(final long unixSeconds) {
        this.createdAt = unixSeconds;
        return this;
    }

    /**
     * Sets the age ciphertext of a share without PIN.
     *
     * @param ageCiphertext ciphertext of the envelope's canonical bytes, not empty
     * @return this builder
     */
    public OuterRecordBuilder ciphertext(final byte[] ageCiphertext) {
        this.ciphertext = checkCiphertext(ageCiphertext);
        this.pinSalt = null;
        return this;
    }

    /**
     * Sets the salt and outer age ciphertext of a PIN share; {@code pin_required} becomes true.
     *
     * @param salt 32-byte PIN salt
     * @param outerCiphertext outer age ciphertext (the inner one is encrypted to the PIN key), not empty
     * @return this builder
     */
    public OuterRecordBuilder pinCiphertext(final byte[] salt, final byte[] outerCiphertext) {
        Objects.requireNonNull(salt, "PIN salt required");
        if (salt.length != OuterRecord.PIN_SALT_LENGTH) {
            throw new IllegalArgumentException(String.format("PIN salt length [%d] not equal to [%d]",
                    salt.length, OuterRecord.PIN_SALT_LENGTH));
        }
        this.ciphertext = checkCiphertext(outerCiphertext);
        this.pinSalt = salt.clone();
        return this;
    }

    /**
     * Makes the record a chunked one ({@code protocol_version} 2): no {@code blob}, but {@code chunks} naming the
     * root of the chunk tree that holds the blob bytes (the ciphertext, with the PIN salt in front for a PIN
     * share); the builder computes their SHA-256 and size itself.
     *
     * @param root 20-byte root target of the chunk tree of the blob bytes
     * @return this builder
     */
    public OuterRecordBuilder chunked(final byte[] root) {
        Objects.requireNonNull(root, "Chunk root required");
        if (root.length != OuterRecord.ROOT_LENGTH) {
            throw new IllegalArgumentException(String.format("Chunk root length [%d] not equal to [%d]",
                    root.length, OuterRecord.ROOT_LENGTH));
        }
        this.chunkRoot = root.clone();
        return this;
    }

    /**
     * Addresses the share to a recipient.
     *
     * @param publicKey recipient's 32-byte identity key
     * @return this builder
     */
    public OuterRecordBuilder recipient(final byte[] publicKey) {
        PublicKeys.checkLength(publicKey);
        this.recipient = publicKey.clone();
        this.recipientChosen = true;
        return this;
    }

    /**
     * Makes the share a self share: {@code recipient} is null.
     *
     * @return this builder
     */
    public OuterRecordBuilder selfShare() {
        this.recipient = null;
        this.recipientChosen = true;
        return this;
    }

    /**
     * Sets the share lifetime; 86400 seconds by default.
     *
     * @param seconds lifetime, not negative
     * @return this builder
     */
    public OuterRecordBuilder ttlSeconds(final long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException(String.format("TTL [%d] seconds negative", seconds));
        }
        this.ttlSeconds = seconds;
        return this;
    }

    /**
     * Signs the record with the sender's identity.
     *
     * @param sender sender identity; its key becomes {@code pubkey}
     * @return signed record
     */
    public OuterRecord sign(final Identity sender) {
        Objects.requireNonNull(sender, "Sender identity required");
        return sign(sender.seed());
    }

    /**
     * Signs the record with the sender's seed.
     *
     * @param seed 32-byte Ed25519 seed; its key becomes {@code pubkey}
     * @return signed record
     */
    public OuterRecord sign(final SecretBytes seed) {
        Objects.requireNonNull(seed, "Seed required");
        if (createdAt == null) {
            throw new IllegalStateException("Created At required");
        }
        if (ciphertext == null) {
            throw new IllegalStateException("Ciphertext required");
        }
        if (!recipientChosen) {
            throw new IllegalStateException("Recipient or self share required");
        }
        final byte[] blobBytes = pinSalt == null ? ciphertext : concat(pinSalt, ciphertext);
        final String blob = chunkRoot == null ? WireFields.toBase64(blobBytes) : null;
        final OuterRecord.Chunks chunks = chunkRoot == null ? null
                : new OuterRecord.Chunks(chunkRoot, Hashes.sha256(blobBytes), blobBytes.length);
        final OuterRecord unsigned = new OuterRecord(blob, chunks, createdAt, pinSalt != null,
                PublicKeys.toZ32(Ed25519.publicKey(seed)), recipient == null ? null : PublicKeys.toZ32(recipient),
                ShareRef.derive(ciphertext, createdAt).hex(), "", ttlSeconds);
        final String signature = Signatures.sign(seed, unsigned.signableBytes());
        final OuterRecord signed = new OuterRecord(blob, chunks, createdAt, pinSalt != null, unsigned.pubkeyZ32(),
                unsigned.recipientZ32().orElse(null), unsigned.shareRef().hex(), signature, ttlSeconds);
        try {
            signed.validate();
        } catch (final IOException e) {
            throw new IllegalStateException("Built record not valid", e);
        }
        return signed;
    }

    private static byte[] checkCiphertext(final byte[] bytes) {
        Objects.requireNonNull(bytes, "Ciphertext required");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("Ciphertext empty");
        }
        return bytes.clone();
    }

    private static byte[] concat(final byte[] first, final byte[] second) {
        final byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
