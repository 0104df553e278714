package org.cipherpost.vault;

import java.io.IOException;
import java.io.OutputStream;

/** How one entry line ends; kept exactly as read so that printing an entry gives back its bytes. */
enum LineEnd {
    /** The last line of an entry that does not end with a newline. */
    NONE(new byte[0]),
    /** A line feed. */
    LF(new byte[] {'\n'}),
    /** A carriage return followed by a line feed. */
    CRLF(new byte[] {'\r', '\n'});

    private final byte[] bytes;

    LineEnd(final byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Returns the number of bytes this ending takes.
     *
     * @return 0, 1 or 2
     */
    int length() {
        return bytes.length;
    }

    /**
     * Copies this ending into the target array.
     *
     * @param target array to write into
     * @param offset first index to write
     * @return index after the ending
     */
    int writeTo(final byte[] target, final int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
        return offset + bytes.length;
    }

    /**
     * Writes this ending to a stream.
     *
     * @param out stream to write to
     * @throws IOException when writing fails
     */
    void writeTo(final OutputStream out) throws IOException {
        out.write(bytes);
    }
}
