package org.cipherpost.wire;

import java.io.IOException;
import java.util.Objects;

/**
 * The value {@code v} of a share item in the salted layout: a live share or its tombstone.
 *
 * <pre>
 * live      : v = byte string, the OuterRecord JSON exactly as the v1 {@code _cipherpost} TXT value
 * withdrawn : v = dictionary { "revoked_at": unix seconds }   (the BEP 44 signature binds it to key and salt)
 * </pre>
 */
public sealed interface ShareItemValue permits ShareItemValue.Live, ShareItemValue.Withdrawn {
    /** Key of the revocation time in a tombstone. */
    String REVOKED_AT = "revoked_at";

    /**
     * Returns the bencoded form stored as {@code v}.
     *
     * @return value
     */
    BencodeValue toBencode();

    /**
     * Reads an item value; anything but a byte string or a one-key tombstone dictionary is malformed.
     *
     * @param value item value
     * @return live share or tombstone
     * @throws IOException when the value is neither
     */
    static ShareItemValue of(final BencodeValue value) throws IOException {
        Objects.requireNonNull(value, "Value required");
        if (value instanceof BencodeBytes bytes) {
            return new Live(bytes.bytes());
        }
        if (value instanceof BencodeDictionary dictionary && dictionary.size() == 1) {
            final long revokedAt = dictionary.requireInteger(REVOKED_AT);
            if (revokedAt < 0) {
                throw new IOException(String.format("Revoked At [%d] negative", revokedAt));
            }
            return new Withdrawn(revokedAt);
        }
        throw new IOException("Share item value is neither a record nor a tombstone");
    }

    /**
     * A live share.
     *
     * @param json OuterRecord JSON bytes
     */
    record Live(byte[] json) implements ShareItemValue {
        /**
         * Copies the bytes.
         *
         * @param json record JSON
         */
        public Live {
            json = Objects.requireNonNull(json, "Record JSON required").clone();
        }

        @Override
        public byte[] json() {
            return json.clone();
        }

        @Override
        public BencodeValue toBencode() {
            return BencodeBytes.of(json);
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof Live that && java.util.Arrays.equals(json, that.json);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(json);
        }

        @Override
        public String toString() {
            return "Live[" + json.length + " bytes]";
        }
    }

    /**
     * A share withdrawn by its sender.
     *
     * @param revokedAt UNIX seconds of the withdrawal
     */
    record Withdrawn(long revokedAt) implements ShareItemValue {
        @Override
        public BencodeValue toBencode() {
            return BencodeDictionary.builder().put(REVOKED_AT, revokedAt).build();
        }
    }
}
