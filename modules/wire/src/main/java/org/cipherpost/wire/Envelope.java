package org.cipherpost.wire;

import java.io.IOException;
import java.util.Arrays;
import javax.security.auth.Destroyable;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.internal.CanonicalJsonWriter;
import org.cipherpost.wire.internal.FieldReader;
import org.cipherpost.wire.internal.JsonString;
import org.cipherpost.wire.internal.JsonValue;
import org.cipherpost.wire.internal.StrictJsonParser;

/**
 * The plaintext of a share: its canonical JSON is what gets age-encrypted into {@code OuterRecord.blob}.
 *
 * <pre>
 * Envelope = { ["burn_after_read": true,] "created_at": i64,
 *              "material": { "bytes": base64-standard-padded,
 *                            "type": "generic_secret" | "x509_cert" | "pgp_key" | "ssh_key" },
 *              "protocol_version": 1, "purpose": string-without-controls }
 * </pre>
 *
 * <p>{@code burn_after_read} is written only when true (serde skip_serializing_if is_false), so non-burn envelopes
 * keep the v1.0 bytes. The envelope has no signature of its own: the outer record's signature covers the ciphertext.
 * It holds secret material: close it.
 */
public final class Envelope implements Destroyable, AutoCloseable {
    /** Largest JSON accepted by {@link #parse(byte[])}: the largest material in Base64 plus room for the purpose. */
    public static final int MAX_JSON_BYTES = 131072;

    private static final String STRUCTURE = "Envelope";

    private final boolean burnAfterRead;
    private final long createdAt;
    private final Material material;
    private final String purpose;

    Envelope(final boolean burnAfterRead, final long createdAt, final Material material, final String purpose) {
        this.burnAfterRead = burnAfterRead;
        this.createdAt = createdAt;
        this.material = material;
        this.purpose = purpose;
    }

    /**
     * Starts building an envelope.
     *
     * @return builder
     */
    public static EnvelopeBuilder builder() {
        return new EnvelopeBuilder();
    }

    /**
     * Parses envelope JSON, strictly; non-canonical but valid JSON is accepted.
     *
     * <p>SPEC section 5.2 step 8 treats a decrypted envelope that does not parse as a signature failure (exit 3);
     * callers map this method's {@link IOException} accordingly.
     *
     * @param json decrypted UTF-8 JSON; the caller keeps (and should wipe) it
     * @return envelope owning a copy of the material
     * @throws IOException when the JSON is malformed, oversize, has unknown, missing or mistyped members, or holds
     *         a float, a duplicate name, an unknown material type, bad Base64 or a control character in the purpose
     */
    public static Envelope parse(final byte[] json) throws IOException {
        final JsonValue root = StrictJsonParser.parse(json, MAX_JSON_BYTES, 2);
        try {
            final FieldReader reader = FieldReader.of(root, STRUCTURE);
            final boolean burn = reader.optionalBoolean("burn_after_read");
            final long createdAt = reader.integer("created_at", Long.MIN_VALUE, Long.MAX_VALUE);
            final FieldReader materialReader = reader.object("material");
            final JsonString encoded = materialReader.stringValue("bytes");
            final MaterialKind kind = MaterialKind.fromWireName(materialReader.string("type"));
            materialReader.finish();
            WireVersion.check(reader.integer("protocol_version", 0, WireVersion.MAX_U16), STRUCTURE);
            final String purpose = reader.string("purpose");
            Purpose.checkNormalized(purpose, STRUCTURE);
            reader.finish();
            if (encoded.chars().length > WireFields.base64Length(Material.MAX_BYTES)) {
                throw new IOException(String.format("Member [material.bytes] of [%s] longer than [%d] bytes",
                        STRUCTURE, Material.MAX_BYTES));
            }
            final SecretBytes bytes = WireFields.base64Secret(encoded.chars(), "material.bytes");
            if (bytes.length() > Material.MAX_BYTES) {
                bytes.close();
                throw new IOException(String.format("Member [material.bytes] of [%s] longer than [%d] bytes",
                        STRUCTURE, Material.MAX_BYTES));
            }
            return new Envelope(burn, createdAt, Material.own(kind, bytes), purpose);
        } finally {
            root.wipe();
        }
    }

    /**
     * Returns the canonical JSON (JCS) that gets age-encrypted; it holds the material, so close it.
     *
     * @return canonical bytes, owned by the caller
     */
    public SecretBytes canonicalBytes() {
        final byte[] encoded = WireFields.base64Ascii(material.bytes());
        try (CanonicalJsonWriter writer = new CanonicalJsonWriter(encoded.length + 160 + purpose.length() * 3)) {
            writer.beginObject();
            if (burnAfterRead) {
                writer.name("burn_after_read").bool(true);
            }
            writer.name("created_at").integer(createdAt);
            writer.name("material").beginObject()
                    .name("bytes").asciiString(encoded)
                    .name("type").string(material.kind().wireName())
                    .endObject();
            writer.name("protocol_version").integer(WireVersion.V1);
            writer.name("purpose").string(purpose);
            writer.endObject();
            return writer.toSecretBytes();
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * Tells whether the sender asked for single consumption ({@code burn_after_read}).
     *
     * @return true for a burn share
     */
    public boolean burnAfterRead() {
        return burnAfterRead;
    }

    /**
     * Returns the creation time, which must equal the outer record's {@code created_at}.
     *
     * @return UNIX seconds
     */
    public long createdAt() {
        return createdAt;
    }

    /**
     * Returns the material, owned by this envelope.
     *
     * @return material
     */
    public Material material() {
        return material;
    }

    /**
     * Returns the sender-attested purpose, control characters already removed; never verified by anyone.
     *
     * @return purpose
     */
    public String purpose() {
        return purpose;
    }

    /**
     * Returns the protocol version.
     *
     * @return {@link WireVersion#V1}
     */
    public int protocolVersion() {
        return WireVersion.V1;
    }

    @Override
    public void destroy() {
        material.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return material.isDestroyed();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "Envelope[" + material + (burnAfterRead ? ", burn" : "") + "]";
    }
}
