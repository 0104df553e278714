package org.cipherpost.wire;

import java.io.IOException;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.cipherpost.wire.internal.CanonicalJsonWriter;
import org.cipherpost.wire.internal.FieldReader;
import org.cipherpost.wire.internal.JsonValue;
import org.cipherpost.wire.internal.StrictJsonParser;

/**
 * A signed receipt: the TXT value under {@code _cprcpt-<share_ref>} in the recipient's PKARR packet (SPEC v1 3.4).
 *
 * <pre>
 * Receipt  = { "accepted_at": i64, "ciphertext_hash": 64 lowercase hex, "cleartext_hash": 64 lowercase hex,
 *              "nonce": 32 lowercase hex, "protocol_version": 1, "purpose": string-without-controls,
 *              "recipient_pubkey": z32 (52), "sender_pubkey": z32 (52), "share_ref": 32 lowercase hex,
 *              "signature": base64(Ed25519) }
 * signable = JCS(Receipt minus "signature"), signed by the recipient's identity key
 * </pre>
 *
 * <p>Receipts are public: no member is secret. Every signature failure is a {@link SignatureException} with the one
 * message "signature verification failed".
 */
public final class Receipt {
    /** Largest JSON accepted by {@link #parse(byte[])}; a PKARR packet carries at most 1000 bytes. */
    public static final int MAX_JSON_BYTES = 4096;

    /** Length of the nonce in bytes. */
    public static final int NONCE_LENGTH = 16;

    /** Length of a SHA-256 digest in bytes. */
    public static final int HASH_LENGTH = 32;

    private static final String STRUCTURE = "Receipt";

    private final long acceptedAt;
    private final String ciphertextHash;
    private final String cleartextHash;
    private final String nonce;
    private final String purpose;
    private final String recipientPubkey;
    private final String senderPubkey;
    private final String shareRef;
    private final String signature;

    Receipt(final long acceptedAt, final String ciphertextHash, final String cleartextHash, final String nonce,
            final String purpose, final String recipientPubkey, final String senderPubkey, final String shareRef,
            final String signature) {
        this.acceptedAt = acceptedAt;
        this.ciphertextHash = Objects.requireNonNull(ciphertextHash, "Ciphertext hash required");
        this.cleartextHash = Objects.requireNonNull(cleartextHash, "Cleartext hash required");
        this.nonce = Objects.requireNonNull(nonce, "Nonce required");
        this.purpose = Objects.requireNonNull(purpose, "Purpose required");
        this.recipientPubkey = Objects.requireNonNull(recipientPubkey, "Recipient public key required");
        this.senderPubkey = Objects.requireNonNull(senderPubkey, "Sender public key required");
        this.shareRef = Objects.requireNonNull(shareRef, "Share reference required");
        this.signature = Objects.requireNonNull(signature, "Signature required");
    }

    /**
     * Starts building and signing a receipt.
     *
     * @return builder
     */
    public static ReceiptBuilder builder() {
        return new ReceiptBuilder();
    }

    /**
     * Parses receipt JSON, strictly; non-canonical but valid JSON is accepted, the signature is not checked here.
     *
     * @param json UTF-8 JSON, such as a TXT value
     * @return receipt, unverified
     * @throws IOException when the JSON is malformed, oversize, has unknown, missing or mistyped members, or holds
     *         a float, a duplicate name, a bad key or hexadecimal value, a control character in the purpose, or an
     *         unsupported protocol version
     */
    public static Receipt parse(final byte[] json) throws IOException {
        final JsonValue root = StrictJsonParser.parse(json, MAX_JSON_BYTES, 1);
        final FieldReader reader = FieldReader.of(root, STRUCTURE);
        final long acceptedAt = reader.integer("accepted_at", Long.MIN_VALUE, Long.MAX_VALUE);
        final String ciphertextHash = reader.string("ciphertext_hash");
        final String cleartextHash = reader.string("cleartext_hash");
        final String nonce = reader.string("nonce");
        WireVersion.check(reader.integer("protocol_version", 0, WireVersion.MAX_U16), STRUCTURE);
        final String purpose = reader.string("purpose");
        final String recipientPubkey = reader.string("recipient_pubkey");
        final String senderPubkey = reader.string("sender_pubkey");
        final String shareRef = reader.string("share_ref");
        final String signature = reader.string("signature");
        reader.finish();
        final Receipt receipt = new Receipt(acceptedAt, ciphertextHash, cleartextHash, nonce, purpose,
                recipientPubkey, senderPubkey, shareRef, signature);
        receipt.validate();
        return receipt;
    }

    /**
     * Returns the bytes the signature covers: JCS of the receipt without {@code signature}.
     *
     * @return canonical signable bytes
     */
    public byte[] signableBytes() {
        return write(false);
    }

    /**
     * Returns the receipt's JSON as published in the TXT value: JCS of the whole receipt.
     *
     * @return canonical JSON bytes
     */
    public byte[] toJson() {
        return write(true);
    }

    /**
     * Returns the TXT record that publishes this receipt under {@code _cprcpt-<share_ref>}.
     *
     * @return resource record, TTL 300 seconds
     */
    public ResourceRecord toTxtRecord() {
        return ResourceRecord.txt(DhtLabels.receipt(shareRef()), DhtLabels.TXT_TTL_SECONDS, toJson());
    }

    /**
     * Verifies the signature against the receipt's own {@code recipient_pubkey}.
     *
     * @throws SignatureException "signature verification failed", for any cause
     */
    public void verify() throws SignatureException {
        Signatures.verifyNamed(recipientPubkey, "recipient_pubkey", signableBytes(), signature);
    }

    /**
     * Verifies the signature and that the receipt names the expected recipient, such as the key it was found under.
     *
     * @param expectedRecipient 32-byte recipient identity key
     * @throws SignatureException "signature verification failed", for any cause, a different recipient included
     */
    public void verify(final byte[] expectedRecipient) throws SignatureException {
        Signatures.verifyExpected(recipientPubkey, expectedRecipient, signableBytes(), signature);
    }

    /**
     * Verifies the signature under a given key, whatever {@code recipient_pubkey} says.
     *
     * @param publicKey 32-byte key
     * @throws SignatureException "signature verification failed", for any cause
     */
    void verifyWith(final byte[] publicKey) throws SignatureException {
        Signatures.verify(publicKey, signableBytes(), signature);
    }

    /**
     * Returns when the recipient accepted the share.
     *
     * @return UNIX seconds
     */
    public long acceptedAt() {
        return acceptedAt;
    }

    /**
     * Returns SHA-256 of the age ciphertext the recipient decrypted.
     *
     * @return 32 bytes
     */
    public byte[] ciphertextHash() {
        return HexFormat.of().parseHex(ciphertextHash);
    }

    /**
     * Returns SHA-256 of the decrypted envelope JSON.
     *
     * @return 32 bytes
     */
    public byte[] cleartextHash() {
        return HexFormat.of().parseHex(cleartextHash);
    }

    /**
     * Returns the random nonce.
     *
     * @return 16 bytes
     */
    public byte[] nonce() {
        return HexFormat.of().parseHex(nonce);
    }

    /**
     * Returns the protocol version.
     *
     * @return {@link WireVersion#V1}
     */
    public int protocolVersion() {
        return WireVersion.V1;
    }

    /**
     * Returns the envelope's purpose, copied verbatim by the recipient; sender-attested, never verified.
     *
     * @return purpose
     */
    public String purpose() {
        return purpose;
    }

    /**
     * Returns the recipient's identity key, the signer.
     *
     * @return 32 key bytes
     */
    public byte[] recipientPublicKey() {
        return WireFields.knownKey(recipientPubkey);
    }

    /**
     * Returns the recipient's identity key as written.
     *
     * @return 52 lowercase z-base-32 characters
     */
    public String recipientZ32() {
        return recipientPubkey;
    }

    /**
     * Returns the sender's identity key, from the outer record.
     *
     * @return 32 key bytes
     */
    public byte[] senderPublicKey() {
        return WireFields.knownKey(senderPubkey);
    }

    /**
     * Returns the sender's identity key as written.
     *
     * @return 52 lowercase z-base-32 characters
     */
    public String senderZ32() {
        return senderPubkey;
    }

    /**
     * Returns the share reference of the accepted share.
     *
     * @return share reference
     */
    public ShareRef shareRef() {
        try {
            return ShareRef.parse(shareRef);
        } catch (final IOException e) {
            throw new IllegalStateException("Share reference not valid", e);
        }
    }

    /**
     * Returns the signature as written.
     *
     * @return Base64 text
     */
    public String signature() {
        return signature;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Receipt that && Arrays.equals(toJson(), that.toJson());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toJson());
    }

    @Override
    public String toString() {
        return "Receipt[share_ref=" + shareRef + ", recipient=" + recipientPubkey + "]";
    }

    /**
     * Checks every member's format.
     *
     * @throws IOException naming the first member that is not valid
     */
    void validate() throws IOException {
        WireFields.hex(ciphertextHash, HASH_LENGTH * 2, "ciphertext_hash");
        WireFields.hex(cleartextHash, HASH_LENGTH * 2, "cleartext_hash");
        WireFields.hex(nonce, NONCE_LENGTH * 2, "nonce");
        Purpose.checkNormalized(purpose, STRUCTURE);
        WireFields.z32Key(recipientPubkey, "recipient_pubkey");
        WireFields.z32Key(senderPubkey, "sender_pubkey");
        WireFields.hex(shareRef, ShareRef.HEX_LENGTH, "share_ref");
    }

    private byte[] write(final boolean withSignature) {
        try (CanonicalJsonWriter writer = new CanonicalJsonWriter(480 + purpose.length() * 3)) {
            writer.beginObject();
            writer.name("accepted_at").integer(acceptedAt);
            writer.name("ciphertext_hash").string(ciphertextHash);
            writer.name("cleartext_hash").string(cleartextHash);
            writer.name("nonce").string(nonce);
            writer.name("protocol_version").integer(WireVersion.V1);
            writer.name("purpose").string(purpose);
            writer.name("recipient_pubkey").string(recipientPubkey);
            writer.name("sender_pubkey").string(senderPubkey);
            writer.name("share_ref").string(shareRef);
            if (withSignature) {
                writer.name("signature").string(signature);
            }
            writer.endObject();
            return writer.toByteArray();
        }
    }
}
