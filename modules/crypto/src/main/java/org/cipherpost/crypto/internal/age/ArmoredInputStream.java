package org.cipherpost.crypto.internal.age;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Reads the age ASCII armor strictly: whitespace may surround the PEM block, lines end with LF or CRLF,
 * every base64 line but the last has 64 columns, padding appears only at the end, base64 is canonical.
 */
final class ArmoredInputStream extends InputStream {
    private static final byte[] BEGIN = ArmoredOutputStream.BEGIN.getBytes(StandardCharsets.US_ASCII);

    private static final byte[] END = ArmoredOutputStream.END.getBytes(StandardCharsets.US_ASCII);

    private static final int COLUMNS = 64;

    private static final int MAXIMUM_LINE = 80;

    private final InputStream in;

    private final byte[] line = new byte[MAXIMUM_LINE];

    private final byte[] decoded = new byte[ArmoredOutputStream.LINE_BYTES];

    private final Base64.Decoder decoder = Base64.getDecoder();

    private int decodedPosition;

    private int decodedLength;

    private boolean started;

    private boolean lastLineSeen;

    private boolean ended;

    /**
     * Creates a reader over armored input.
     *
     * @param in armored input; it is read to its end
     */
    ArmoredInputStream(final InputStream in) {
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "Input Stream required"), 64 * 1024);
    }

    @Override
    public int read() throws IOException {
        final byte[] one = new byte[1];
        final int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] bytes, final int offset, final int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        int total = 0;
        while (total < length) {
            if (decodedPosition == decodedLength && !nextLine()) {
                break;
            }
            final int taken = Math.min(length - total, decodedLength - decodedPosition);
            System.arraycopy(decoded, decodedPosition, bytes, offset + total, taken);
            decodedPosition += taken;
            total += taken;
        }
        return total == 0 ? -1 : total;
    }

    /** Decodes the next base64 line; false at the footer. */
    private boolean nextLine() throws IOException {
        if (ended) {
            return false;
        }
        if (!started) {
            skipWhitespace();
            final int length = readLine();
            if (length != BEGIN.length || !Arrays.equals(line, 0, length, BEGIN, 0, BEGIN.length)) {
                throw new IOException("Armor header line not found");
            }
            started = true;
        }
        final int length = readLine();
        if (length == END.length && Arrays.equals(line, 0, length, END, 0, END.length)) {
            if (decodedLength == 0) {
                throw new IOException("Armor contains no data");
            }
            ended = true;
            requireOnlyWhitespace();
            return false;
        }
        if (lastLineSeen) {
            throw new IOException("Armor line follows a short line");
        }
        if (length == 0 || length > COLUMNS) {
            throw new IOException("Armor line length [%d] not between [1] and [%d]".formatted(length, COLUMNS));
        }
        final boolean padded = line[length - 1] == '=';
        if (length < COLUMNS || padded) {
            lastLineSeen = true;
        }
        try {
            decodedLength = decoder.decode(Arrays.copyOf(line, length), decoded);
        } catch (final IllegalArgumentException e) {
            throw new IOException("Armor line not valid base64");
        }
        decodedPosition = 0;
        if (lastLineSeen) {
            final byte[] canonical = Base64.getEncoder().encode(Arrays.copyOf(decoded, decodedLength));
            if (!Arrays.equals(canonical, 0, canonical.length, line, 0, length)) {
                throw new IOException("Armor line not canonical base64");
            }
        } else if (decodedLength != ArmoredOutputStream.LINE_BYTES) {
            throw new IOException("Armor line not canonical base64");
        }
        return true;
    }

    /** Reads one line without its LF or CRLF into {@link #line}; returns its length. */
    private int readLine() throws IOException {
        int length = 0;
        while (true) {
            final int b = in.read();
            if (b < 0 && length > 0) {
                return length;
            }
            if (b < 0) {
                throw new EOFException("Armor truncated: footer line not found");
            }
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return length;
            }
            if (length == MAXIMUM_LINE) {
                throw new IOException("Armor line longer than [%d] characters".formatted(COLUMNS));
            }
            line[length++] = (byte) b;
        }
    }

    /** Skips whitespace before the header line. */
    private void skipWhitespace() throws IOException {
        while (true) {
            in.mark(1);
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("Armor header line not found");
            }
            if (!isWhitespace(b)) {
                in.reset();
                return;
            }
        }
    }

    /** Rejects anything but whitespace after the footer line. */
    private void requireOnlyWhitespace() throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            if (!isWhitespace(b)) {
                throw new IOException("Armor followed by data");
            }
        }
    }

    /** Tells whether a byte is space, tab, CR or LF. */
    private static boolean isWhitespace(final int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
