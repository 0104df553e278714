package org.cipherpost.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * TXT record data: one value of any length, written as 255-byte character-strings and joined again on read.
 */
public final class TxtData implements RecordData {
    /** IANA type code of TXT. */
    public static final int TYPE = 16;

    private final byte[] value;

    /**
     * Creates TXT data holding a copy of the given bytes.
     *
     * @param value value bytes
     */
    public TxtData(final byte[] value) {
        this.value = Objects.requireNonNull(value, "TXT value required").clone();
    }

    /**
     * Returns a copy of the value bytes (all character-strings joined).
     *
     * @return value bytes
     */
    public byte[] value() {
        return value.clone();
    }

    /**
     * Returns the value decoded as UTF-8, malformed sequences replaced.
     *
     * @return value text
     */
    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof TxtData that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TXT[" + value.length + " bytes]";
    }
}
