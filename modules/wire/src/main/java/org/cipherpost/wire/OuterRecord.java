package org.cipherpost.wire;

import java.io.IOException;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
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
 * <p>Version 2 (a chunked share, docs/SPEC.md) has no {@code blob}; it has {@code "chunks": {"root": 40 hex,
 * "sha256": 64 hex, "size": int}} naming a tree of BEP 44 immutable items that hold the blob bytes (the same bytes
 * v1's {@code blob} carries: the age ciphertext, with the 32-byte PIN salt in front for a PIN share), and
 * {@code "protocol_version": 2}. Everything else, {@code share_ref} and the signature included, is as in v1.
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

    /** {@code protocol_version} of a chunked record. */
    public static final int CHUNKED_VERSION = 2;

    /** Largest blob size a chunked record may name (the chunk layer's limit). */
    public static final long MAX_CHUNKED_SIZE = 1L << 20;

    /** Length of a chunk tree root (a SHA-1 target). */
    public static final int ROOT_LENGTH = 20;

    private static final String STRUCTURE = "OuterRecord";

    /**
     * Where a chunked record's blob bytes are: the root target of the chunk tree, their SHA-256 and size.
     *
     * @param root 20-byte root target
     * @param sha256 32-byte SHA-256 of the blob bytes
     * @param size blob bytes
     */
    public record Chunks(byte[] root, byte[] sha256, long size) {
        /**
         * Copies and checks the fields.
         *
         * @param root 20-byte root target
         * @param sha256 32-byte SHA-256 of the blob bytes
         * @param size blob bytes, 1 to {@link #MAX_CHUNKED_SIZE}
         */
        public Chunks {
            Objects.requireNonNull(root, "Root required");
            Objects.requireNonNull(sha256, "SHA-256 required");
            if (root.length != ROOT_LENGTH || sha256.length != 32) {
                throw new IllegalArgumentException(String.format("Root [%d] or hash [%d] bytes of wrong length",
                        root.length, sha256.length));
            }
            if (size < 1 || size > MAX_CHUNKED_SIZE) {
                throw new IllegalArgumentException(String.format("Chunked size [%d] outside [1, %d]", size,
                        MAX_CHUNKED_SIZE));
            }
            root = root.clone();
            sha256 = sha256.clone();
        }

        @Override
        public byte[] root() {
            return root.clone();
        }

        @Override
        public byte[] sha256() {
            return sha256.clone();
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof Chunks that && Arrays.equals(root, that.root)
                    && Arrays.equals(sha256, that.sha256) && size == that.size;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(root) * 31 + Arrays.hashCode(sha256) + Long.hashCode(size);
        }

        @Override
        public String toString() {
            return "Chunks[root=" + HexFormat.of().formatHex(root) + ", size=" + size + "]";
        }
    }

    private final String blob;
    private final Chunks chunks;
    private final long createdAt;
    private final boolean pinRequired;
    private final String pubkey;
    private final String recipient;
    private final String shareRef;
    private final String signature;
    private final long ttlSeconds;

    OuterRecord(final String blob, final long createdAt, final boolean pinRequired, final String pubkey,
            final String recipient, final String shareRef, final String signature, final long ttlSeconds) {
        this(Objects.requireNonNull(blob, "Blob required"), null, createdAt, pinRequired, pubkey, recipient, shareRef,
                signature, ttlSeconds);
    }

    /** Creates a v1 record (blob set) or a chunked v2 record (chunks set); exactly one of the two is given. */
    OuterRecord(final String blob, final Chunks chunks, final long createdAt, final boolean pinRequired,
            final String pubkey, final String recipient, final String shareRef, final String signature,
            final long ttlSeconds) {
        if ((blob == null) == (chunks == null)) {
            throw new IllegalArgumentException("Exactly one of blob and chunks required");
        }
        this.blob = blob;
        this.chunks = chunks;
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
        final JsonValue root = StrictJsonParser.parse(json, MAX_JSON_BYTES, 2);
        final FieldReader reader = FieldReader.of(root, STRUCTURE);
        final long version = reader.integer("protocol_version", 0, WireVersion.MAX_U16);
        String blob = null;
        Chunks chunks = null;
        if (version == CHUNKED_VERSION) {
            chunks = readChunks(reader.object("chunks"));
        } else {
            WireVersion.check(version, STRUCTURE);
            blob = reader.string("blob");
        }
        final long createdAt = reader.integer("created_at", Long.MIN_VALUE, Long.MAX_VALUE);
        final boolean pinRequired = reader.optionalBoolean("pin_required");
        final String pubkey = reader.string("pubkey");
        final String recipient = reader.nullableString("recipient");
        final String shareRef = reader.string("share_ref");
        final String signature = reader.string("signature");
        final long ttlSeconds = reader.integer("ttl_seconds", 0, Long.MAX_VALUE);
        reader.finish();
        final OuterRecord record = new OuterRecord(blob, chunks, createdAt, pinRequired, pubkey, recipient, shareRef,
                signature, ttlSeconds);
        record.validate();
        return record;
    }

    /** Reads the {@code chunks} object of a version 2 record: exactly root, sha256 and size. */
    private static Chunks readChunks(final FieldReader reader) throws IOException {
        final String rootHex = reader.string("root");
        final String sha256Hex = reader.string("sha256");
        final long size = reader.integer("size", 1, MAX_CHUNKED_SIZE);
        reader.finish();
        WireFields.hex(rootHex, ROOT_LENGTH * 2, "chunks.root");
        WireFields.hex(sha256Hex, 64, "chunks.sha256");
        return new Chunks(HexFormat.of().parseHex(rootHex), HexFormat.of().parseHex(sha256Hex), size);
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
        if (blob == null) {
            throw new IllegalStateException("Chunked record has no blob: fetch its chunks");
        }
        return blob;
    }

    /**
     * Returns where a chunked record's blob bytes are.
     *
     * @return chunks, or empty for a v1 record that carries its blob
     */
    public Optional<Chunks> chunks() {
        return Optional.ofNullable(chunks);
    }

    /**
     * Returns the age ciphertext within blob bytes (as fetched for a chunked record): without the 32-byte salt for
     * PIN shares.
     *
     * @param blobBytes the blob bytes
     * @return ciphertext bytes
     * @throws IllegalArgumentException when a PIN share's blob bytes are not longer than the salt
     */
    public byte[] ciphertextOf(final byte[] blobBytes) {
        Objects.requireNonNull(blobBytes, "Blob bytes required");
        if (!pinRequired) {
            return blobBytes.clone();
        }
        if (blobBytes.length <= PIN_SALT_LENGTH) {
            throw new IllegalArgumentException(String.format("Blob [%d] bytes not longer than the PIN salt",
                    blobBytes.length));
        }
        return Arrays.copyOfRange(blobBytes, PIN_SALT_LENGTH, blobBytes.length);
    }

    /**
     * Returns the PIN salt within blob bytes (as fetched for a chunked record).
     *
     * @param blobBytes the blob bytes
     * @return salt, or empty when the share needs no PIN
     */
    public Optional<byte[]> pinSaltOf(final byte[] blobBytes) {
        Objects.requireNonNull(blobBytes, "Blob bytes required");
        return pinRequired ? Optional.of(Arrays.copyOf(blobBytes, PIN_SALT_LENGTH)) : Optional.empty();
    }

    /**
     * Returns the age ciphertext to decrypt and to hash for {@code share_ref} and {@code ciphertext_hash}: the
     * decoded blob, without the 32-byte salt for PIN shares.
     *
     * @return ciphertext bytes
     */
    public byte[] ciphertext() {
        if (blob == null) {
            throw new IllegalStateException("Chunked record has no blob: fetch its chunks");
        }
        final byte[] decoded = decodedBlob();
        return pinRequired ? Arrays.copyOfRange(decoded, PIN_SALT_LENGTH, decoded.length) : decoded;
    }

    /**
     * Returns the PIN salt of a PIN share: the first 32 bytes of the decoded blob.
     *
     * @return salt, or empty when the share needs no PIN
     */
    public Optional<byte[]> pinSalt() {
        if (blob == null) {
            throw new IllegalStateException("Chunked record has no blob: fetch its chunks");
        }
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
     * @return {@link WireVersion#V1}, or {@link #CHUNKED_VERSION} for a chunked record
     */
    public int protocolVersion() {
        return chunks == null ? WireVersion.V1 : CHUNKED_VERSION;
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
        final long blobLength = blob != null ? WireFields.base64(blob, "blob").length : chunks.size();
        if (blobLength == 0 || (pinRequired && blobLength <= PIN_SALT_LENGTH)) {
            throw new IOException(String.format("Member [%s] of [%s] too short [%d] bytes",
                    blob != null ? "blob" : "chunks.size", STRUCTURE, blobLength));
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
        try (CanonicalJsonWriter writer = new CanonicalJsonWriter((blob != null ? blob.length() : 0) + 480)) {
            writer.beginObject();
            if (blob != null) {
                writer.name("blob").string(blob);
            } else {
                writer.name("chunks").beginObject();
                writer.name("root").string(HexFormat.of().formatHex(chunks.root));
                writer.name("sha256").string(HexFormat.of().formatHex(chunks.sha256));
                writer.name("size").integer(chunks.size());
                writer.endObject();
            }
            writer.name("created_at").integer(createdAt);
            if (pinRequired) {
                writer.name("pin_required").bool(true);
            }
            writer.name("protocol_version").integer(protocolVersion());
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
