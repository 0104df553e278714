package org.cipherpost.fakepiv;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The BER-TLV subset PIV uses: tags of one or two bytes, definite lengths below 65536. */
final class Tlv {
    private Tlv() {
    }

    /**
     * Encodes one TLV.
     *
     * @param tag tag, one byte ({@code 0x7c}) or two ({@code 0x7f49})
     * @param value value
     * @return encoded bytes
     */
    static byte[] encode(final int tag, final byte[] value) {
        Objects.requireNonNull(value, "Value required");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xff) {
            out.write(tag >> 8);
        }
        out.write(tag);
        if (value.length < 0x80) {
            out.write(value.length);
        } else if (value.length <= 0xff) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /**
     * Encodes TLVs one after the other.
     *
     * @param tlvs tags and values, in order
     * @return encoded bytes
     */
    static byte[] encodeAll(final Map<Integer, byte[]> tlvs) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        tlvs.forEach((tag, value) -> out.writeBytes(encode(tag, value)));
        return out.toByteArray();
    }

    /**
     * Decodes consecutive TLVs into a map by tag (a later duplicate wins).
     *
     * @param data encoded TLVs
     * @return tags and values, in order
     * @throws IllegalArgumentException when malformed
     */
    static Map<Integer, byte[]> decode(final byte[] data) {
        final Map<Integer, byte[]> tlvs = new LinkedHashMap<>();
        int at = 0;
        while (at < data.length) {
            int tag = data[at++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                tag = tag << 8 | byteAt(data, at++);
            }
            int length = byteAt(data, at++);
            if (length == 0x81) {
                length = byteAt(data, at++);
            } else if (length == 0x82) {
                length = byteAt(data, at++) << 8 | byteAt(data, at++);
            } else if (length > 0x80) {
                throw new IllegalArgumentException("TLV length form [" + length + "] not supported");
            }
            if (at + length > data.length) {
                throw new IllegalArgumentException("TLV length [" + length + "] beyond the data");
            }
            final byte[] value = new byte[length];
            System.arraycopy(data, at, value, 0, length);
            tlvs.put(tag, value);
            at += length;
        }
        return tlvs;
    }

    /**
     * Returns the value of the single TLV that data must consist of.
     *
     * @param tag expected tag
     * @param data encoded TLV
     * @return value
     * @throws IllegalArgumentException when data is not exactly one TLV with that tag
     */
    static byte[] unpack(final int tag, final byte[] data) {
        final Map<Integer, byte[]> tlvs = decode(data);
        if (tlvs.size() != 1 || !tlvs.containsKey(tag)) {
            throw new IllegalArgumentException("Expected one TLV [" + Integer.toHexString(tag) + "]");
        }
        return tlvs.get(tag);
    }

    /** Returns an unsigned byte, failing at the end of the data. */
    private static int byteAt(final byte[] data, final int index) {
        if (index >= data.length) {
            throw new IllegalArgumentException("TLV truncated");
        }
        return data[index] & 0xff;
    }
}
