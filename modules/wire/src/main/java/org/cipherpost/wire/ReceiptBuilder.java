package org.cipherpost.wire;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;

/**
 * Builds and signs a {@link Receipt}; {@code recipient_pubkey} comes from the signing key and the nonce is random
 * unless set.
 */
public final class ReceiptBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Long acceptedAt;
    private byte[] ciphertextHash;
    private byte[] cleartextHash;
    private byte[] nonce;
    private String purpose;
    private byte[] senderPublicKey;
    private ShareRef shareRef;

    ReceiptBuilder() {
    }

    /**
     * Sets the acceptance time.
     *
     * @param unixSeconds UNIX seconds
     * @return this builder
     */
    public ReceiptBuilder acceptedAt(final long unixSeconds) {
        this.acceptedAt = unixSeconds;
        return this;
    }

    /**
     * Takes the share reference, the sender key and the ciphertext hash from the accepted outer record.
     *
     * @param record verified outer record
     * @return this builder
     */
    public ReceiptBuilder share(final OuterRecord record) {
        Objects.requireNonNull(record, "Outer record required");
        this.shareRef = record.shareRef();
        this.senderPublicKey = record.publicKey();
        this.ciphertextHash = Hashes.sha256(record.ciphertext());
        return this;
    }

    /**
     * Sets the share reference.
     *
     * @param reference share reference
     * @return this builder
     */
    public ReceiptBuilder shareRef(final ShareRef reference) {
        this.shareRef = Objects.requireNonNull(reference, "Share reference required");
        return this;
    }

    /**
     * Sets the sender's identity key.
     *
     * @param publicKey 32-byte key
     * @return this builder
     */
    public ReceiptBuilder senderPublicKey(final byte[] publicKey) {
        PublicKeys.checkLength(publicKey);
        this.senderPublicKey = publicKey.clone();
        return this;
    }

    /**
     * Sets SHA-256 of the age ciphertext (without the PIN salt).
     *
     * @param digest 32 bytes
     * @return this builder
     */
    public ReceiptBuilder ciphertextHash(final byte[] digest) {
        this.ciphertextHash = checkLength(digest, Receipt.HASH_LENGTH, "Ciphertext hash");
        return this;
    }

    /**
     * Sets SHA-256 of the decrypted envelope JSON, the bytes exactly as decrypted.
     *
     * @param digest 32 bytes
     * @return this builder
     */
    public ReceiptBuilder cleartextHash(final byte[] digest) {
        this.cleartextHash = checkLength(digest, Receipt.HASH_LENGTH, "Cleartext hash");
        return this;
    }

    /**
     * Sets the nonce; a fresh random one is used when not set.
     *
     * @param value 16 bytes
     * @return this builder
     */
    public ReceiptBuilder nonce(final byte[] value) {
        this.nonce = checkLength(value, Receipt.NONCE_LENGTH, "Nonce");
        return this;
    }

    /**
     * Sets the purpose, a verbatim copy of the envelope's (already without control characters).
     *
     * @param text purpose
     * @return this builder
     */
    public ReceiptBuilder purpose(final String text) {
        Objects.requireNonNull(text, "Purpose required");
        Purpose.checkWellFormed(text);
        try {
            Purpose.checkNormalized(text, "Receipt");
        } catch (final IOException e) {
            throw new IllegalArgumentException("Purpose holds control characters");
        }
        this.purpose = text;
        return this;
    }

    /**
     * Signs the receipt with the recipient's identity.
     *
     * @param recipient recipient identity; its key becomes {@code recipient_pubkey}
     * @return signed receipt
     */
    public Receipt sign(final Identity recipient) {
        Objects.requireNonNull(recipient, "Recipient identity required");
        return sign(recipient.seed());
    }

    /**
     * Signs the receipt with the recipient's seed.
     *
     * @param seed 32-byte Ed25519 seed; its key becomes {@code recipient_pubkey}
     * @return signed receipt
     */
    public Receipt sign(final SecretBytes seed) {
        Objects.requireNonNull(seed, "Seed required");
        require(acceptedAt, "Accepted At");
        require(ciphertextHash, "Ciphertext hash");
        require(cleartextHash, "Cleartext hash");
        require(purpose, "Purpose");
        require(senderPublicKey, "Sender public key");
        require(shareRef, "Share reference");
        final byte[] nonceBytes;
        if (nonce == null) {
            nonceBytes = new byte[Receipt.NONCE_LENGTH];
            RANDOM.nextBytes(nonceBytes);
        } else {
            nonceBytes = nonce;
        }
        final String recipient = PublicKeys.toZ32(Ed25519.publicKey(seed));
        final Receipt unsigned = new Receipt(acceptedAt, Hashes.hex(ciphertextHash), Hashes.hex(cleartextHash),
                Hashes.hex(nonceBytes), purpose, recipient, PublicKeys.toZ32(senderPublicKey), shareRef.hex(), "");
        final Receipt signed = new Receipt(acceptedAt, Hashes.hex(ciphertextHash), Hashes.hex(cleartextHash),
                Hashes.hex(nonceBytes), purpose, recipient, PublicKeys.toZ32(senderPublicKey), shareRef.hex(),
                Signatures.sign(seed, unsigned.signableBytes()));
        try {
            signed.validate();
        } catch (final IOException e) {
            throw new IllegalStateException("Built receipt not valid", e);
        }
        return signed;
    }

    private static void require(final Object value, final String name) {
        if (value == null) {
            throw new IllegalStateException(name + " required");
        }
    }

    private static byte[] checkLength(final byte[] value, final int length, final String name) {
        Objects.requireNonNull(value, name + " required");
        if (value.length != length) {
            throw new IllegalArgumentException(String.format("%s length [%d] not equal to [%d]", name,
                    value.length, length));
        }
        return value.clone();
    }
}
