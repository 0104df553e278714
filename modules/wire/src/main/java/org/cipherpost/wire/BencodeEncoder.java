package org.cipherpost.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Canonical BEP 3 encoder: dictionary keys in raw-byte order (kept so by {@link BencodeDictionary}).
 */
final class BencodeEncoder {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private BencodeEncoder() {
    }

    /**
     * Encodes a value.
     *
     * @param value value to encode
     * @return bencoded bytes
     */
    static byte[] encode(final BencodeValue value) {
        final BencodeEncoder encoder = new BencodeEncoder();
        encoder.write(value, 0);
        return encoder.output.toByteArray();
    }

    private void write(final BencodeValue value, final int depth) {
        switch (value) {
            case BencodeInteger integer -> {
                output.write('i');
                ascii(Long.toString(integer.value()));
                output.write('e');
            }
            case BencodeBytes bytes -> writeBytes(bytes);
            case BencodeList list -> {
                checkDepth(depth + 1);
                output.write('l');
                for (final BencodeValue element : list.values()) {
                    write(element, depth + 1);
                }
                output.write('e');
            }
            case BencodeDictionary dictionary -> {
                checkDepth(depth + 1);
                output.write('d');
                for (final Map.Entry<BencodeBytes, BencodeValue> entry : dictionary.entries().entrySet()) {
                    writeBytes(entry.getKey());
                    write(entry.getValue(), depth + 1);
                }
                output.write('e');
            }
        }
    }

    private void writeBytes(final BencodeBytes bytes) {
        final byte[] content = bytes.unsafeBytes();
        ascii(Integer.toString(content.length));
        output.write(':');
        output.write(content, 0, content.length);
    }

    private void ascii(final String text) {
        final byte[] encoded = text.getBytes(StandardCharsets.US_ASCII);
        output.write(encoded, 0, encoded.length);
    }

    private static void checkDepth(final int depth) {
        if (depth > Bencode.MAX_DEPTH) {
            throw new IllegalArgumentException(String.format("Nesting deeper than maximum [%d]", Bencode.MAX_DEPTH));
        }
    }
}
