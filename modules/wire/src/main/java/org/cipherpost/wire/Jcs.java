package org.cipherpost.wire;

import java.io.IOException;
import java.util.Objects;
import org.cipherpost.wire.internal.CanonicalJsonWriter;
import org.cipherpost.wire.internal.JsonValue;
import org.cipherpost.wire.internal.StrictJsonParser;
import org.cipherpost.wire.internal.TreeWriter;

/**
 * JSON canonicalization (RFC 8785, JCS) for the integer-only JSON that Cipherpost signs.
 *
 * <p>Members sorted by name in UTF-16 code unit order, no whitespace, strings escaped as RFC 8785 says. Input is
 * parsed strictly: duplicate names, floating-point numbers, leading zeros, invalid UTF-8 and unpaired surrogates are
 * rejected. Integers are written exactly: RFC 8785 would round integers beyond 2^53 through IEEE 754, but cipherpost
 * v1 peers (serde_canonical_json) write i64/u64 values digit for digit, and the signatures must match theirs.
 */
public final class Jcs {
    /** Largest input accepted by {@link #canonicalize(byte[])}, in bytes. */
    public static final int MAX_INPUT_BYTES = 1 << 20;

    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 32;

    private Jcs() {
    }

    /**
     * Canonicalizes a JSON text.
     *
     * @param json UTF-8 JSON text
     * @return canonical UTF-8 bytes
     * @throws IOException when the input is not strict integer-only JSON within the limits
     */
    public static byte[] canonicalize(final byte[] json) throws IOException {
        Objects.requireNonNull(json, "JSON required");
        final JsonValue root = StrictJsonParser.parse(json, MAX_INPUT_BYTES, MAX_DEPTH);
        try (CanonicalJsonWriter writer = new CanonicalJsonWriter(json.length)) {
            TreeWriter.write(root, writer);
            return writer.toByteArray();
        } finally {
            root.wipe();
        }
    }
}
