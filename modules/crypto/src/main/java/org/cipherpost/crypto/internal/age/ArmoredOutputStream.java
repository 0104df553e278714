package org.cipherpost.crypto.internal.age;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Writes the age ASCII armor: strict PEM (RFC 7468) with label {@code AGE ENCRYPTED FILE}, 64-column lines, LF.
 *
 * <p>{@link #finish()} writes the last line and the footer; the underlying stream is never closed.
 */
final class ArmoredOutputStream extends OutputStream {
    /** First line of an armored file, without its line feed. */
    static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";

    /** Last line of an armored file, without its line feed. */
    static final String END = "-----END AGE ENCRYPTED FILE-----";

    /** Decoded bytes per full line. */
    static final int LINE_BYTES = 48;

    private static final int LINES_PER_BLOCK = 1024;

    private static final byte[] NEW_LINE = {'\n'};

    private final Base64.Encoder encoder = Base64.getMimeEncoder(64, NEW_LINE);

    private final OutputStream out;

    private final byte[] pending = new byte[LINE_BYTES * LINES_PER_BLOCK];

    private int count;

    private boolean finished;

    /**
     * Starts armor and writes the header line.
     *
     * @param out destination, left open
     * @throws IOException when writing fails
     */
    ArmoredOutputStream(final OutputStream out) throws IOException {
        this.out = Objects.requireNonNull(out, "Output Stream required");
        out.write((BEGIN + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void write(final int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (finished) {
            throw new IOException("Armor already finished");
        }
        int position = offset;
        int remaining = length;
        while (remaining > 0) {
            final int taken = Math.min(remaining, pending.length - count);
            System.arraycopy(bytes, position, pending, count, taken);
            count += taken;
            position += taken;
            remaining -= taken;
            if (count == pending.length) {
                writeLines(pending);
                count = 0;
            }
        }
    }

    /**
     * Writes the buffered bytes, the final line and the footer.
     *
     * @throws IOException when writing fails
     */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (count > 0) {
            writeLines(Arrays.copyOf(pending, count));
            count = 0;
        }
        out.write((END + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Encodes bytes into 64-column lines, each ending with a line feed. */
    private void writeLines(final byte[] bytes) throws IOException {
        out.write(encoder.encode(bytes));
        out.write(NEW_LINE);
    }
}
