package org.cipherpost.wire;

import java.io.IOException;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.cipherpost.wire.internal.CanonicalJsonWriter;
import org.cipherpost.wire.internal.FieldReader;
import org.cipherpost.wire.internal.JsonValue;
import org.cipherpost.wire.internal.StrictJsonParser;

/**
 * A published share: the TXT value under {@code _cipherpost} in the sender's PKARR packet (SPEC section 3.3).
 *
 * <pre>
 * OuterRecord = { "blob": base64(age ciphertext) or base64(salt[32] || outer age ciphertext) when pin_required,
 *                 "created_at": i64, ["pin_required": true,] "protocol_version": 1,
 *                 "pubkey": sender z32 (52), "recipient": z32 (52) or null for a self share,
 *                 "share_ref": 32 lowercase hex, "signature": base64(Ed25519), "ttl_seconds": u64 }
 * signable    = JCS(OuterRecord minus "signature"), signed by the sender's identity key
 * TXT value   = JCS(OuterRecord) (the same bytes serde_json writes for it)
 * </pre>
 *
 * <p>{@code pin_required} appears only when true (serde skip_serializing_if is_false); an explicit {@code false} is
 * accepted on input and dropped from the canonical bytes, as serde does. Every signature failure, whatever its
 * cause, is a {@link SignatureException} with the one message "signature verification failed".
 */
public final class OuterRecord {
    /** Largest JSON accepted by {@link #parse(byte[])}; a PKARR packet carries at most 1000 bytes. */
    public static final int MAX_JSON_BYTES = 4096;

    /** Default share lifetime in seconds (24 hours). */
    public static final long DEFAULT_TTL_SECONDS = 86400;

    /** Length of the PIN salt that prefixes the ciphertext in {@code blob} of a PIN share. */
    public static final int PIN_SALT_LENGTH = 32;

    private static final String STRUCTURE = "OuterRecord";

    private final String blob;
    private final long createdAt;
    private final boolean pinRequired;
    private final String pubkey;
    private final String recipient;
    private final String shareRef;
    private final String signature;
    private final long ttlSeconds;

    OuterRecord(final String blob, final long createdAt, final boolean pinRequired, final String pubkey,
            final String recipient, final String shareRef, final String signature, final long ttlSeconds) {
        this.blob = Objects.requireNonNull(blob, "Blob required");
        this.createdAt = createdAt;
        this.pinRequired = pinRequired;
        this.pubkey = Objects.requireNonNull(pubkey, "Public key required");
        this.recipient = recipient;
        this.shareRef = Objects.requireNonNull(shareRef, "Share reference required");
        this.signature = Objects.requireNonNull(signature, "Signature required");
        this.ttlSeconds = ttlSeconds;
    }

    /**
     * Starts building and signing a record.
     *
     * @return builder
     */
    public static OuterRecordBuilder builder() {
        return new OuterRecordBuilder();
    }

    /**
     * Parses record JSON, strictly; non-canonical but valid JSON is accepted, the signature is not checked here.
     *
     * <p>SPEC v1 treats a TXT value that does not parse as a signature failure (exit 3); callers map this method's
     * {@link IOException} accordingly.
     *
     * @param json UTF-8 JSON, such as a TXT value
     * @return record, unverified
     * @throws IOException when the JSON is malformed, oversize, has unknown, missing or mistyped members, or holds
     *         a float, a duplicate name, a bad key, Base64 or hexadecimal value, or an unsupported protocol version
     */
    public static OuterRecord parse(final byte[] json) throws IOException {
        final JsonValue root = StrictJsonParser.parse(json, MAX_JSON_BYTES, 1);
        final FieldReader reader = FieldReader.of(root, STRUCTURE);
        final String blob = reader.string("blob");
        final long createdAt = reader.integer("created_at", Long.MIN_VALUE, Long.MAX_VALUE);
        final boolean pinRequired = reader.optionalBoolean("pin_required");
        WireVersion.check(reader.integer("protocol_version", 0, WireVersion.MAX_U16), STRUCTURE);
        final String pubkey = reader.string("pubkey");
        final String recipient = reader.nullableString("recipient");
        final String shareRef = reader.string("share_ref");
        final String signature = reader.string("signature");
        final long ttlSeconds = reader.integer("ttl_seconds", 0, Long.MAX_VALUE);
        reader.finish();
        final OuterRecord record = new OuterRecord(blob, createdAt, pinRequired, pubkey, recipient, shareRef,
                signature, ttlSeconds);
        record.validate();
        return record;
    }

    /**
     * Returns the bytes the signature covers: JCS of the record without {@code signature}.
     *
     * @return canonical signable bytes
     */
    public byte[] signableBytes() {
        return write(false);
    }

    /**
     * Returns the record's JSON as published in the TXT value: JCS of the whole record.
     *
     * @return canonical JSON bytes
     */
    public byte[] toJson() {
        return write(true);
    }

    /**
     * Returns the TXT record that publishes this share under {@code _cipherpost}.
     *
     * @return resource record, TTL 300 seconds
     */
    public ResourceRecord toTxtRecord() {
        return ResourceRecord.txt(DhtLabels.OUTER, DhtLabels.TXT_TTL_SECONDS, toJson());
    }

    /**
     * Verifies the inner signature against the record's own {@code pubkey}.
     *
     * @throws SignatureException "signature verification failed", for any cause
     */
    public void verify() throws SignatureException {
        Signatures.verifyNamed(pubkey, "pubkey", signableBytes(), signature);
    }

    /**
     * Verifies the inner signature and that the record names the expected sender, such as the share URI's.
     *
     * @param expectedSender 32-byte sender identity key
     * @throws SignatureException "signature verification failed", for any cause, a different sender included
     */
    public void verify(final byte[] expectedSender) throws SignatureException {
        Signatures.verifyExpected(pubkey, expectedSender, signableBytes(), signature);
    }

    /**
     * Verifies the inner signature under a given key, whatever {@code pubkey} says.
     *
     * @param publicKey 32-byte key
     * @throws SignatureException "signature verification failed", for any cause
     */
    void verifyWith(final byte[] publicKey) throws SignatureException {
        Signatures.verify(publicKey, signableBytes(), signature);
    }

    /**
     * Returns {@code blob} as written: Base64 of the age ciphertext (with the PIN salt in front for PIN shares).
     *
     * @return Base64 text
     */
    public String blob() {
        return blob;
    }

    /**
     * Returns the age ciphertext to decrypt and to hash for {@code share_ref} and {@code ciphertext_hash}: the
     * decoded blob, without the 32-byte salt for PIN shares.
     *
     * @return ciphertext bytes
     */
    public byte[] ciphertext() {
        final byte[] decoded = decodedBlob();
        return pinRequired ? Arrays.copyOfRange(decoded, PIN_SALT_LENGTH, decoded.length) : decoded;
    }

    /**
     * Returns the PIN salt of a PIN share: the first 32 bytes of the decoded blob.
     *
     * @return salt, or empty when the share needs no PIN
     */
    public Optional<byte[]> pinSalt() {
        return pinRequired ? Optional.of(Arrays.copyOf(decodedBlob(), PIN_SALT_LENGTH)) : Optional.empty();
    }

    /**
     * Returns the creation time, inner-signed, the one TTL source.
     *
     * @return UNIX seconds
     */
    public long createdAt() {
        return createdAt;
    }

    /**
     * Returns the expiry time, {@code created_at + ttl_seconds}, saturating at {@link Long#MAX_VALUE}.
     *
     * @return UNIX seconds
     */
    public long expiresAt() {
        final long sum = createdAt + ttlSeconds;
        return ((createdAt ^ sum) & (ttlSeconds ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Tells whether the share needs a PIN as a second factor.
     *
     * @return true for a PIN share
     */
    public boolean pinRequired() {
        return pinRequired;
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
     * Returns the sender's identity key as written.
     *
     * @return 52 lowercase z-base-32 characters
     */
    public String pubkeyZ32() {
        return pubkey;
    }

    /**
     * Returns the sender's identity key.
     *
     * @return 32 key bytes
     */
    public byte[] publicKey() {
        return WireFields.knownKey(pubkey);
    }

    /**
     * Returns the recipient key as written, empty for a self share.
     *
     * @return 52 lowercase z-base-32 characters, or empty
     */
    public Optional<String> recipientZ32() {
        return Optional.ofNullable(recipient);
    }

    /**
     * Returns the recipient key, empty for a self share.
     *
     * @return 32 key bytes, or empty
     */
    public Optional<byte[]> recipient() {
        return Optional.ofNullable(recipient).map(WireFields::knownKey);
    }

    /**
     * Returns the share reference.
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

    /**
     * Returns the share lifetime.
     *
     * @return seconds
     */
    public long ttlSeconds() {
        return ttlSeconds;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof OuterRecord that && Arrays.equals(toJson(), that.toJson());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toJson());
    }

    @Override
    public String toString() {
        return "OuterRecord[share_ref=" + shareRef + ", pubkey=" + pubkey + (pinRequired ? ", pin" : "") + "]";
    }

    /**
     * Checks every member's format.
     *
     * @throws IOException naming the first member that is not valid
     */
    void validate() throws IOException {
        final byte[] decoded = WireFields.base64(blob, "blob");
        if (decoded.length == 0 || (pinRequired && decoded.length <= PIN_SALT_LENGTH)) {
            throw new IOException(String.format("Member [blob] of [%s] too short [%d] bytes", STRUCTURE,
                    decoded.length));
        }
        WireFields.z32Key(pubkey, "pubkey");
        if (recipient != null) {
            WireFields.z32Key(recipient, "recipient");
        }
        WireFields.hex(shareRef, ShareRef.HEX_LENGTH, "share_ref");
        if (ttlSeconds < 0) {
            throw new IOException(String.format("Member [ttl_seconds] of [%s] negative", STRUCTURE));
        }
    }

    private byte[] decodedBlob() {
        try {
            return WireFields.base64(blob, "blob");
        } catch (final IOException e) {
            throw new IllegalStateException("Blob not valid", e);
        }
    }

    private byte[] write(final boolean withSignature) {
        try (CanonicalJsonWriter writer = new CanonicalJsonWriter(blob.length() + 320)) {
            writer.beginObject();
            writer.name("blob").string(blob);
            writer.name("created_at").integer(createdAt);
            if (pinRequired) {
                writer.name("pin_required").bool(true);
            }
            writer.name("protocol_version").integer(WireVersion.V1);
            writer.name("pubkey").string(pubkey);
            writer.name("recipient");
            if (recipient == null) {
                writer.nullValue();
            } else {
                writer.string(recipient);
            }
            writer.name("share_ref").string(shareRef);
            if (withSignature) {
                writer.name("signature").string(signature);
            }
            writer.name("ttl_seconds").integer(ttlSeconds);
            writer.endObject();
            return writer.toByteArray();
        }
    }
}
