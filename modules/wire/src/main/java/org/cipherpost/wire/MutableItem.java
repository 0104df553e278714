package org.cipherpost.wire;

import java.security.SignatureException;
import java.util.Objects;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;

/**
 * A BEP 44 mutable item: value {@code v} with sequence number {@code seq} and optional {@code salt},
 * signed by the Ed25519 key {@code k}; every instance has a valid signature.
 *
 * <pre>
 * put arguments: k (32 bytes), salt (optional, at most 64 bytes), seq (integer), sig (64 bytes), v (any bencoded value)
 * signature over {@link Bep44#signable(byte[], long, byte[])}; stored under {@link Bep44#mutableTarget(byte[], byte[])}
 * </pre>
 *
 * <p>Size rule for {@code v}: a byte string may hold up to {@link Bep44#MAX_VALUE_BYTES} bytes (what PKARR and the
 * Rust {@code mainline} node accept for a DNS packet); any other value may be at most that many bytes encoded.
 */
public final class MutableItem {
    private static final byte[] NO_SALT = new byte[0];

    private final byte[] publicKey;
    private final byte[] salt;
    private final long seq;
    private final BencodeValue value;
    private final byte[] encodedValue;
    private final byte[] signature;

    private MutableItem(final byte[] publicKey, final byte[] salt, final long seq, final BencodeValue value,
            final byte[] encodedValue, final byte[] signature) {
        this.publicKey = publicKey;
        this.salt = salt;
        this.seq = seq;
        this.value = value;
        this.encodedValue = encodedValue;
        this.signature = signature;
    }

    /**
     * Signs a new item with the key derived from an Ed25519 seed.
     *
     * @param seed 32-byte Ed25519 seed (private key)
     * @param salt salt, or null or empty for none
     * @param seq sequence number, not negative
     * @param value value to store
     * @return signed item
     * @throws Bep44Exception when the salt or value is too big or the sequence number is negative
     */
    public static MutableItem sign(final SecretBytes seed, final byte[] salt, final long seq, final BencodeValue value)
            throws Bep44Exception {
        Objects.requireNonNull(seed, "Seed required");
        Objects.requireNonNull(value, "Value required");
        final byte[] saltCopy = checkSalt(salt);
        checkSeq(seq);
        final byte[] encoded = Bencode.encode(value);
        checkValueSize(value, encoded);
        final byte[] key = Ed25519.publicKey(seed);
        final byte[] signature = Ed25519.sign(seed, Bep44.signable(saltCopy, seq, encoded));
        return new MutableItem(key, saltCopy, seq, value, encoded, signature);
    }

    /**
     * Checks a received item (from a {@code put} request or a {@code get} response) and returns it.
     *
     * @param publicKey 32-byte Ed25519 public key {@code k}
     * @param salt salt, or null or empty for none
     * @param seq sequence number
     * @param value value {@code v} as decoded; its canonical encoding is what was signed
     * @param signature 64-byte signature {@code sig}
     * @return verified item
     * @throws Bep44Exception when a field is malformed or too big (with the KRPC error code)
     * @throws SignatureException when the signature does not verify (KRPC error 206)
     */
    public static MutableItem verify(final byte[] publicKey, final byte[] salt, final long seq,
            final BencodeValue value, final byte[] signature) throws Bep44Exception, SignatureException {
        Objects.requireNonNull(publicKey, "Public key required");
        Objects.requireNonNull(value, "Value required");
        Objects.requireNonNull(signature, "Signature required");
        if (publicKey.length != PublicKeys.KEY_LENGTH) {
            throw new Bep44Exception(Bep44Exception.PROTOCOL_ERROR, String.format(
                    "Public key length [%d] not equal to required [%d]", publicKey.length, PublicKeys.KEY_LENGTH));
        }
        if (signature.length != Bep44.SIGNATURE_LENGTH) {
            throw new Bep44Exception(Bep44Exception.PROTOCOL_ERROR, String.format(
                    "Signature length [%d] not equal to required [%d]", signature.length, Bep44.SIGNATURE_LENGTH));
        }
        final byte[] saltCopy = checkSalt(salt);
        checkSeq(seq);
        final byte[] encoded = Bencode.encode(value);
        checkValueSize(value, encoded);
        final byte[] keyCopy = publicKey.clone();
        final byte[] signatureCopy = signature.clone();
        if (!Ed25519.verify(keyCopy, Bep44.signable(saltCopy, seq, encoded), signatureCopy)) {
            throw new SignatureException("Mutable item signature not valid");
        }
        return new MutableItem(keyCopy, saltCopy, seq, value, encoded, signatureCopy);
    }

    /**
     * Wraps an unsalted item whose signature package code has already verified (a parsed signed packet).
     *
     * @param publicKey 32 key bytes, owned
     * @param seq sequence number
     * @param value value
     * @param signature 64 signature bytes, owned
     * @return item
     */
    static MutableItem ofVerified(final byte[] publicKey, final long seq, final BencodeValue value,
            final byte[] signature) {
        return new MutableItem(publicKey, NO_SALT, seq, value, Bencode.encode(value), signature);
    }

    /**
     * Returns the public key {@code k}.
     *
     * @return 32 key bytes
     */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Returns the salt.
     *
     * @return salt bytes, empty when none
     */
    public byte[] salt() {
        return salt.clone();
    }

    /**
     * Returns the sequence number {@code seq}.
     *
     * @return sequence number
     */
    public long seq() {
        return seq;
    }

    /**
     * Returns the value {@code v}.
     *
     * @return value
     */
    public BencodeValue value() {
        return value;
    }

    /**
     * Returns the bencoded value, the bytes the signature covers after the sequence number.
     *
     * @return encoded value
     */
    public byte[] encodedValue() {
        return encodedValue.clone();
    }

    /**
     * Returns the signature {@code sig}.
     *
     * @return 64 signature bytes
     */
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Returns the target this item is stored under.
     *
     * @return 20-byte SHA-1 of key and salt
     */
    public byte[] target() {
        return Bep44.mutableTarget(publicKey, salt);
    }

    /**
     * Returns the buffer the signature covers.
     *
     * @return signable bytes
     */
    public byte[] signable() {
        return Bep44.signable(salt, seq, encodedValue);
    }

    @Override
    public String toString() {
        return "MutableItem[k=" + PublicKeys.toZ32(publicKey) + ", salt=" + salt.length + " bytes, seq=" + seq
                + ", v=" + encodedValue.length + " bytes]";
    }

    private static byte[] checkSalt(final byte[] salt) throws Bep44Exception {
        if (salt == null) {
            return NO_SALT;
        }
        if (salt.length > Bep44.MAX_SALT_BYTES) {
            throw new Bep44Exception(Bep44Exception.SALT_TOO_BIG, String.format(
                    "Salt length [%d] greater than maximum [%d]", salt.length, Bep44.MAX_SALT_BYTES));
        }
        return salt.clone();
    }

    private static void checkSeq(final long seq) throws Bep44Exception {
        if (seq < 0) {
            throw new Bep44Exception(Bep44Exception.PROTOCOL_ERROR, String.format("Sequence number [%d] negative", seq));
        }
    }

    private static void checkValueSize(final BencodeValue value, final byte[] encoded) throws Bep44Exception {
        final int size = value instanceof BencodeBytes bytes ? bytes.length() : encoded.length;
        if (size > Bep44.MAX_VALUE_BYTES) {
            throw new Bep44Exception(Bep44Exception.VALUE_TOO_BIG, String.format(
                    "Value size [%d] greater than maximum [%d]", size, Bep44.MAX_VALUE_BYTES));
        }
    }
}
