package org.cipherpost.plugin.ssh;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.cipherpost.api.MaterialException;

/**
 * Reads the SSH wire encoding (RFC 4251 section 5): uint32, string, mpint; every read is bounds-checked.
 *
 * <p>Failures are {@link MaterialException}s with the one curated reason {@code malformed OpenSSH v1 blob}.
 */
final class SshReader {
    private final byte[] data;
    private int position;
    private final int limit;

    /** Reads the whole array. */
    SshReader(final byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads part of an array (a nested string). */
    private SshReader(final byte[] data, final int offset, final int limit) {
        this.data = data;
        this.position = offset;
        this.limit = limit;
    }

    /**
     * Reads a big-endian uint32.
     *
     * @return value, as a long
     * @throws MaterialException when fewer than 4 bytes remain
     */
    long uint32() throws MaterialException {
        need(4);
        final long value = ((data[position] & 0xffL) << 24) | ((data[position + 1] & 0xffL) << 16)
                | ((data[position + 2] & 0xffL) << 8) | (data[position + 3] & 0xffL);
        position += 4;
        return value;
    }

    /**
     * Reads one byte.
     *
     * @return value 0-255
     * @throws MaterialException when no byte remains
     */
    int uint8() throws MaterialException {
        need(1);
        return data[position++] & 0xff;
    }

    /**
     * Reads a length-prefixed string as bytes.
     *
     * @return a copy of the bytes
     * @throws MaterialException when the length runs past the end
     */
    byte[] string() throws MaterialException {
        final long length = uint32();
        if (length > remaining()) {
            throw malformed();
        }
        final byte[] value = Arrays.copyOfRange(data, position, position + (int) length);
        position += (int) length;
        return value;
    }

    /**
     * Reads a length-prefixed string as a sub-reader over the same array, without copying.
     *
     * @return reader limited to the string
     * @throws MaterialException when the length runs past the end
     */
    SshReader nested() throws MaterialException {
        final long length = uint32();
        if (length > remaining()) {
            throw malformed();
        }
        final SshReader nested = new SshReader(data, position, position + (int) length);
        position += (int) length;
        return nested;
    }

    /**
     * Reads a string that must be printable ASCII (algorithm names).
     *
     * @return text
     * @throws MaterialException when the bytes are not printable ASCII
     */
    String name() throws MaterialException {
        final byte[] bytes = string();
        for (final byte b : bytes) {
            if (b < 0x21 || b > 0x7e) {
                throw malformed();
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /**
     * Reads an mpint.
     *
     * @return value
     * @throws MaterialException when the string is malformed
     */
    BigInteger mpint() throws MaterialException {
        final byte[] bytes = string();
        return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
    }

    /**
     * Skips a string.
     *
     * @throws MaterialException when the length runs past the end
     */
    void skipString() throws MaterialException {
        final long length = uint32();
        if (length > remaining()) {
            throw malformed();
        }
        position += (int) length;
    }

    /**
     * Returns the number of unread bytes.
     *
     * @return remaining bytes
     */
    int remaining() {
        return limit - position;
    }

    /**
     * Returns the current offset in the underlying array.
     *
     * @return offset
     */
    int position() {
        return position;
    }

    /**
     * Reads the rest as bytes.
     *
     * @return a copy of the remaining bytes
     */
    byte[] rest() {
        final byte[] value = Arrays.copyOfRange(data, position, limit);
        position = limit;
        return value;
    }

    /** Fails unless at least count bytes remain. */
    private void need(final int count) throws MaterialException {
        if (remaining() < count) {
            throw malformed();
        }
    }

    /**
     * Returns the curated failure of any structural problem.
     *
     * @return exception
     */
    static MaterialException malformed() {
        return new MaterialException(MaterialException.Reason.MALFORMED, "malformed OpenSSH v1 blob");
    }
}
